package io.amlcompute.provisioner.infra;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.config.Setting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Setting} is the contract between the code and its configuration: every setting the code reads in Azure is
 * in the Bicep app settings, every setting of the local run is in local.settings.json, and nothing in Azure is a key.
 */
class AppSettingsTest {

    /** main.bicep's {@code appSettings} var: the function app's complete app settings. */
    private static BicepValue.Obj azureSettings() {
        return Infra.main().objectVar("appSettings");
    }

    @ParameterizedTest
    @EnumSource(value = Setting.class)
    void everySettingReadInAzureIsAnAppSettingInTheBicep(Setting setting) {
        boolean readInAzure = setting.scope() != Setting.Scope.LOCAL;
        assertThat(azureSettings().entries().containsKey(setting.key()))
                .as("%s (scope %s) in main.bicep appSettings", setting.key(), setting.scope())
                .isEqualTo(readInAzure);
    }

    @ParameterizedTest
    @EnumSource(value = Setting.class)
    void everySettingOfTheLocalRunIsInLocalSettingsJson(Setting setting) {
        JsonNode values = Infra.json("local.settings.json").path("Values");
        if (setting.scope() != Setting.Scope.AZURE) {
            assertThat(values.has(setting.key())).as("%s in local.settings.json", setting.key()).isTrue();
        }
    }

    @Test
    void functionAppGetsExactlyTheseSettings() {
        BicepFile.Module functionApp = Infra.main().module("app/function-app.bicep");
        assertThat(functionApp.body().expr("params.appSettings")).hasValueSatisfying(settings -> assertThat(settings)
                .isEqualTo("union(appSettings, durableBackendSettings)"));
        BicepFile.Resource config = Infra.moduleOfMain("app/function-app.bicep")
                .resourceNamed("Microsoft.Web/sites/config", "'appsettings'");
        assertThat(config.expr("properties")).contains("appSettings");
    }

    @Test
    void everyConnectionIsTheUserAssignedIdentity() {
        BicepValue.Obj settings = azureSettings();
        Set<String> credentials = keysEndingWith(settings, "__credential");
        Set<String> clientIds = keysEndingWith(settings, "__clientId");
        assertThat(credentials).contains("AzureWebJobsStorage__credential", "ServiceBusConnection__credential");
        assertThat(clientIds).containsExactlyInAnyOrderElementsOf(credentials.stream()
                .map(k -> k.replace("__credential", "__clientId")).toList());
        credentials.forEach(k -> assertThat(settings.text(k)).as(k).contains("managedidentity"));
        clientIds.forEach(k -> assertThat(settings.expr(k)).as(k).contains("identity.outputs.clientId"));
        assertThat(settings.expr(Setting.AZURE_CLIENT_ID.key())).contains("identity.outputs.clientId");
        assertThat(settings.text(Setting.ARM_AUTH.key())).contains("managedidentity");
        assertThat(settings.text("APPLICATIONINSIGHTS_AUTHENTICATION_STRING"))
                .contains("'ClientId=${identity.outputs.clientId};Authorization=AAD'");
    }

    @Test
    void hostStorageIsReachedThroughItsServiceUrisNotAnAccountKey() {
        assertThat(azureSettings().entries().keySet())
                .contains("AzureWebJobsStorage__blobServiceUri", "AzureWebJobsStorage__queueServiceUri",
                        "AzureWebJobsStorage__tableServiceUri")
                .doesNotContain("AzureWebJobsStorage");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"azureStorage", "scheduler"})
    void noSettingHoldsAConnectionStringWithASecret(String durableBackend) {
        // The Application Insights connection string identifies the component; with local auth disabled on it,
        // ingestion needs APPLICATIONINSIGHTS_AUTHENTICATION_STRING (Entra ID), so it is not a credential. The
        // Durable Task Scheduler's names an endpoint and the identity to authenticate as, never a key.
        BicepValue.Obj settings = Deployment.of(java.util.Map.of("durableBackend", durableBackend)).appSettings();
        Set<String> connectionStrings = settings.entries().keySet().stream()
                .filter(k -> k.toLowerCase().replace("_", "").contains("connectionstring")
                        || k.equals(Setting.SERVICE_BUS_CONNECTION_STRING.key()))
                .filter(k -> !k.endsWith("__connectionStringName"))
                .collect(Collectors.toSet());
        Set<String> expected = durableBackend.equals("scheduler")
                ? Set.of("APPLICATIONINSIGHTS_CONNECTION_STRING", "DURABLE_TASK_SCHEDULER_CONNECTION_STRING")
                : Set.of("APPLICATIONINSIGHTS_CONNECTION_STRING");
        assertThat(connectionStrings).containsExactlyInAnyOrderElementsOf(expected);
        settings.expr("DURABLE_TASK_SCHEDULER_CONNECTION_STRING").ifPresent(value -> assertThat(value)
                .contains("Authentication=ManagedIdentity").containsIgnoringCase("ClientID=${identity.outputs.clientId}")
                .doesNotContainIgnoringCase("key"));
    }

    @Test
    void runtimeSettingsFlexConsumptionRejectsAreLeftOut() {
        assertThat(azureSettings().entries().keySet())
                .doesNotContain("FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "WEBSITE_RUN_FROM_PACKAGE");
    }

    /** Where the Bicep restates a default of the code, through a parameter, the two agree. */
    @ParameterizedTest
    @EnumSource(value = Setting.class, names = {"ARM_API_VERSION", "DEFAULT_TIMEOUT", "POLICY_MAX_TIMEOUT",
            "MAX_REQUEST_BYTES", "UNDELIVERABLE_REQUESTS_SCHEDULE"})
    void bicepParameterDefaultsRestateTheCodeDefaults(Setting setting) {
        String value = azureSettings().expr(setting.key()).orElseThrow();
        String param = value.replaceAll("^string\\((\\w+)\\)$", "$1");
        assertThat(BicepText.unquote(Infra.main().param(param).defaultValue()))
                .as("default of param %s behind %s", param, setting.key())
                .isEqualTo(setting.defaultValue());
    }

    private static Set<String> keysEndingWith(BicepValue.Obj settings, String suffix) {
        return settings.entries().keySet().stream().filter(k -> k.endsWith(suffix)).collect(Collectors.toSet());
    }
}
