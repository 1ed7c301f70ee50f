package io.amlcompute.provisioner.functions;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.config.EntityNames;
import io.amlcompute.provisioner.config.Setting;
import io.amlcompute.provisioner.contract.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads the folder `mvn package` wrote for `func azure functionapp publish`: every function.json, the app jar
 * and lib/. Runs in the verify phase, after the Functions plugin has generated them.
 */
class DeployableFolderIT {

    private static Path folder;
    private static final Map<String, JsonNode> functions = new HashMap<>();

    @BeforeAll
    static void readFolder() throws IOException {
        folder = Path.of(System.getProperty("projectBuildDirectory", "target"), "azure-functions",
                System.getProperty("functionAppName", "aml-compute-provisioner"));
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path dir : entries.filter(Files::isDirectory).filter(d -> Files.exists(d.resolve("function.json")))
                    .toList()) {
                functions.put(dir.getFileName().toString(), Json.MAPPER.readTree(dir.resolve("function.json").toFile()));
            }
        }
    }

    @Test
    void holdsOneFolderPerFunctionAndTheHostFiles() {
        assertThat(functions.keySet()).containsExactlyInAnyOrder(SubmitComputeRequest.NAME,
                ProvisionComputeOrchestrator.NAME, PerformComputeAction.NAME, ReadComputeStatus.NAME,
                PublishCompletion.NAME, PublishReply.NAME, CleanUpCompute.NAME, FindLeaseHolders.NAME,
                GetComputeRequestStatus.NAME, AnswerUndeliverableRequests.NAME);
        assertThat(folder.resolve("host.json")).exists();
        assertThat(folder.resolve("local.settings.json")).exists();
        assertThat(folder.resolve("lib")).isDirectory();
    }

    /**
     * The local run's settings (loopback ARM without auth, the emulator's connection string, the local secret store)
     * stay out of the folder that is deployed, so even `func azure functionapp publish --publish-local-settings` run
     * from it cannot turn them into app settings: the staged local.settings.json names only the Java worker.
     */
    @Test
    void carriesNoSettingOfTheLocalRun() throws IOException {
        String staged = Files.readString(folder.resolve("local.settings.json"));
        JsonNode values = Json.MAPPER.readTree(staged).path("Values");

        assertThat(values.properties()).extracting(Map.Entry::getKey).containsExactly("FUNCTIONS_WORKER_RUNTIME");
        assertThat(values.path("FUNCTIONS_WORKER_RUNTIME").asText()).isEqualTo("java");
        for (Setting setting : Setting.values()) {
            assertThat(staged).as(setting.key()).doesNotContain("\"" + setting.key() + "\"");
        }
        assertThat(staged).doesNotContain("127.0.0.1").doesNotContain("UseDevelopment");
    }

    @Test
    void triggerListensOnTheRequestsQueueThroughTheIdentityBasedConnection() {
        JsonNode trigger = binding(SubmitComputeRequest.NAME, "serviceBusTrigger");
        assertThat(trigger.path("direction").asText()).isEqualTo("in");
        assertThat(trigger.path("queueName").asText()).isEqualTo("%" + Setting.COMPUTE_REQUESTS_QUEUE.key() + "%");
        assertThat(Setting.COMPUTE_REQUESTS_QUEUE.defaultValue()).isEqualTo(EntityNames.REQUESTS_QUEUE);
        // "ServiceBusConnection" is the prefix of the __fullyQualifiedNamespace/__credential/__clientId settings.
        assertThat(trigger.path("connection").asText()).isEqualTo(Setting.SERVICE_BUS_CONNECTION_STRING.key());
        assertThat(Setting.SERVICE_BUS_NAMESPACE.key()).startsWith(trigger.path("connection").asText() + "__");
        assertThat(binding(SubmitComputeRequest.NAME, "durableClient").path("direction").asText()).isEqualTo("in");
    }

    @Test
    void orchestratorAndActivitiesHaveDurableTriggers() {
        assertThat(binding(ProvisionComputeOrchestrator.NAME, "orchestrationTrigger")).isNotNull();
        for (String activity : List.of(PerformComputeAction.NAME, ReadComputeStatus.NAME, PublishCompletion.NAME,
                PublishReply.NAME, CleanUpCompute.NAME)) {
            assertThat(binding(activity, "activityTrigger").path("direction").asText()).isEqualTo("in");
            assertThat(functions.get(activity).path("bindings")).hasSize(1);
        }
        // The lease-holder query reads the running instances through a Durable client of its own.
        assertThat(binding(FindLeaseHolders.NAME, "activityTrigger").path("direction").asText()).isEqualTo("in");
        assertThat(binding(FindLeaseHolders.NAME, "durableClient")).isNotNull();
    }

    /**
     * The local host reads a timer as the Maven plugin writes it: the schedule as a setting, and neither
     * {@code runOnStartup} nor {@code useMonitor}, so the host's defaults (false, true) apply (functions-host.md R1).
     */
    @Test
    void deadLetterTimerRunsOnTheScheduleSettingWithTheHostsDefaults() {
        JsonNode timer = binding(AnswerUndeliverableRequests.NAME, "timerTrigger");
        assertThat(timer.path("direction").asText()).isEqualTo("in");
        assertThat(timer.path("schedule").asText()).isEqualTo("%" + Setting.UNDELIVERABLE_REQUESTS_SCHEDULE.key() + "%");
        assertThat(timer.has("runOnStartup")).isFalse();
        assertThat(timer.has("useMonitor")).isFalse();
        assertThat(functions.get(AnswerUndeliverableRequests.NAME).path("bindings")).hasSize(1);
    }

    @Test
    void statusApiIsAFunctionKeyProtectedGet() {
        JsonNode http = binding(GetComputeRequestStatus.NAME, "httpTrigger");
        assertThat(http.path("route").asText()).isEqualTo(GetComputeRequestStatus.ROUTE);
        assertThat(http.path("authLevel").asText()).isEqualToIgnoringCase("function");
        assertThat(http.path("methods").toString()).isEqualTo("[\"GET\"]");
        assertThat(binding(GetComputeRequestStatus.NAME, "durableClient")).isNotNull();
    }

    @Test
    void everyFunctionPointsAtTheAppJarWhichHoldsNoLocalTools() throws IOException {
        for (JsonNode function : functions.values()) {
            Path jar = folder.resolve(function.path("scriptFile").asText().replace("../", ""));
            assertThat(jar).exists();
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                assertThat(zip.stream().map(e -> e.getName()))
                        .noneMatch(n -> n.startsWith("io/amlcompute/provisioner/local/")
                                || n.startsWith("io/amlcompute/provisioner/cli/") || n.startsWith("local/"))
                        .contains("schemas/compute-request.schema.json", "schemas/compute-event.schema.json");
            }
        }
    }

    @Test
    void libHoldsNoLocalOnlyOrTestDependenciesAndOnlyLinuxX64Natives() throws IOException {
        try (Stream<Path> jars = Files.list(folder.resolve("lib"))) {
            assertThat(jars.map(p -> p.getFileName().toString()).toList())
                    .noneMatch(n -> n.startsWith("sqlite-jdbc") || n.startsWith("picocli") || n.startsWith("junit")
                            || n.startsWith("mockito") || n.startsWith("assertj"))
                    .noneMatch(n -> n.contains("osx-") || n.contains("windows-") || n.contains("aarch_64"))
                    .anyMatch(n -> n.startsWith("durabletask-azure-functions"));
        }
    }

    private static JsonNode binding(String function, String type) {
        assertThat(functions).containsKey(function);
        for (JsonNode binding : functions.get(function).path("bindings")) {
            if (type.equals(binding.path("type").asText())) {
                return binding;
            }
        }
        throw new AssertionError(function + " has no " + type + " binding: " + functions.get(function));
    }
}
