package io.amlcompute.provisioner.infra;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.contract.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** azure.yaml, main.bicep and main.parameters.json fit together the way azd (and the manual path) use them. */
class AzdLayoutTest {

    /** azd substitutes {@code ${NAME}} and {@code ${NAME=default}} in main.parameters.json before parsing it. */
    private static final Pattern AZD_VARIABLE = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)(?:=([^}]*))?}");

    /** The one service in azure.yaml: its name and its properties (azure.yaml is small; read line by line). */
    private static Map.Entry<String, Map<String, String>> service() {
        Map<String, Map<String, String>> services = new LinkedHashMap<>();
        String current = null;
        boolean inServices = false;
        for (String line : Infra.text("azure.yaml").split("\n")) {
            String content = line.replaceAll("\\s+#.*$", "");
            if (content.isBlank() || content.stripLeading().startsWith("#")) {
                continue;
            }
            if (!content.startsWith(" ")) {
                inServices = content.startsWith("services:");
            } else if (inServices && content.matches("^ {2}[\\w-]+:\\s*$")) {
                current = content.strip().replace(":", "");
                services.put(current, new LinkedHashMap<>());
            } else if (inServices && current != null && content.matches("^ {4}[\\w-]+:.*")) {
                String[] kv = content.strip().split(":", 2);
                services.get(current).put(kv[0], kv[1].strip());
            }
        }
        assertThat(services).as("services in azure.yaml").hasSize(1);
        return services.entrySet().iterator().next();
    }

    @Test
    void azureYamlDeclaresOneJavaFunctionAtTheProjectRoot() {
        Map<String, String> service = service().getValue();
        assertThat(service).containsEntry("language", "java").containsEntry("host", "function")
                .containsEntry("project", ".");
    }

    @Test
    void azdDeploysTheFolderMavenPackageWrites() {
        assertThat(service().getValue())
                .containsEntry("dist", "target/azure-functions/" + Infra.pomProperty("functionAppName"));
    }

    @Test
    void functionAppCarriesTheServiceNameAzdLooksFor() {
        String serviceName = service().getKey();
        assertThat(Infra.main().module("app/function-app.bicep").body().text("params.serviceName"))
                .contains(serviceName);
        BicepFile.Resource site = Infra.moduleOfMain("app/function-app.bicep")
                .resourcesOfType("Microsoft.Web/sites").get(0);
        assertThat(site.expr("tags")).hasValueSatisfying(tags -> assertThat(tags)
                .contains("'azd-service-name': serviceName"));
    }

    @Test
    void mainDeploysAtSubscriptionScopeAndCreatesTheResourceGroup() {
        BicepFile main = Infra.main();
        assertThat(main.targetScope()).isEqualTo("subscription");
        assertThat(main.resourcesOfType("Microsoft.Resources/resourceGroups")).hasSize(1);
    }

    @Test
    void parametersFileFeedsEveryRequiredParameterAndNothingElse() throws IOException {
        String substituted = AZD_VARIABLE.matcher(Infra.text("infra/main.parameters.json"))
                .replaceAll(m -> Matcher.quoteReplacement(m.group(2) != null ? m.group(2) : "value-of-" + m.group(1)));
        JsonNode parameters = Json.MAPPER.readTree(substituted).path("parameters");
        Set<String> provided = StreamSupport.stream(((Iterable<String>) parameters::fieldNames).spliterator(), false)
                .collect(Collectors.toSet());
        BicepFile main = Infra.main();
        Set<String> required = main.params().values().stream().filter(p -> p.defaultValue() == null)
                .map(BicepFile.Param::name).collect(Collectors.toSet());

        assertThat(provided).containsAll(required).allSatisfy(name -> assertThat(main.params()).containsKey(name));
        assertThat(parameters.path("environmentName").path("value").asText()).isEqualTo("value-of-AZURE_ENV_NAME");
        assertThat(parameters.path("location").path("value").asText()).isEqualTo("value-of-AZURE_LOCATION");
        // Arrays and bools stay JSON arrays and bools after substitution, as the Bicep parameter types demand.
        parameters.fields().forEachRemaining(p -> {
            String type = main.param(p.getKey()).type();
            JsonNode value = p.getValue().path("value");
            assertThat(type.equals("array") ? value.isArray() : type.equals("bool") ? value.isBoolean()
                    : value.isTextual()).as("%s (%s) = %s", p.getKey(), type, value).isTrue();
        });
    }
}
