package io.amlcompute.provisioner.local.arm;

import static io.amlcompute.provisioner.local.arm.ComputeBodies.amlCompute;
import static org.assertj.core.api.Assertions.assertThat;

import io.amlcompute.provisioner.local.ManualClock;
import io.amlcompute.provisioner.local.arm.ComputeApiClient.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With a data directory, computes and their operations survive a restart of the emulator on the same directory. */
class LedgerFileTest {

    @TempDir
    Path dataDirectory;

    private final ManualClock clock = new ManualClock(EmulatorSession.START);
    private final HttpClient http = HttpClient.newHttpClient();

    private ArmEmulator startOn(Path directory) {
        try {
            return ArmEmulator.builder().clock(clock).dataDirectory(directory)
                    .workspace(EmulatorSession.SUBSCRIPTION, EmulatorSession.RESOURCE_GROUP, EmulatorSession.WORKSPACE,
                            EmulatorSession.LOCATION)
                    .provisioningTime(Duration.ofSeconds(10))
                    .nodeAllocationTime(Duration.ofSeconds(20))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ComputeApiClient client(ArmEmulator emulator) {
        return new ComputeApiClient(http, emulator.endpoint(), EmulatorSession.SUBSCRIPTION,
                EmulatorSession.RESOURCE_GROUP, EmulatorSession.WORKSPACE);
    }

    @Test
    void anInstancesStateAndFateSurviveARestartButAttachSecretsDoNot() throws IOException {
        try (ArmEmulator first = ArmEmulator.builder().clock(clock).dataDirectory(dataDirectory)
                .workspace(EmulatorSession.SUBSCRIPTION, EmulatorSession.RESOURCE_GROUP, EmulatorSession.WORKSPACE,
                        EmulatorSession.LOCATION)
                .databricksWorkspace(EmulatorSession.DATABRICKS_ID, EmulatorSession.DATABRICKS_URL,
                        EmulatorSession.DATABRICKS_TOKEN)
                .provisioningTime(Duration.ofSeconds(10)).instancePowerTime(Duration.ofSeconds(4))
                .instanceUnusableFor("STANDARD_E4S_V3").start()) {
            ComputeApiClient client = client(first);
            client.put("ci-alice", ComputeBodies.computeInstance("STANDARD_E4S_V3", ""));
            client.put("dbx-one", ComputeBodies.databricks(EmulatorSession.DATABRICKS_ID,
                    EmulatorSession.DATABRICKS_TOKEN));
        }
        clock.advance(Duration.ofSeconds(10));

        try (ArmEmulator second = startOn(dataDirectory)) {
            ComputeApiClient client = client(second);
            assertThat(client.get("ci-alice").typeProperties().path("state").asText()).isEqualTo("Unusable");
            assertThat(client.send("POST", client.computePath("ci-alice") + "/restart?" + ComputeApiClient.API_VERSION,
                    null).status()).isEqualTo(202);
            clock.advance(Duration.ofSeconds(2));
            assertThat(client.get("ci-alice").typeProperties().path("state").asText()).isEqualTo("Running");
            assertThat(client.send("POST", client.computePath("dbx-one") + "/listKeys?" + ComputeApiClient.API_VERSION,
                    null).json().has("databricksAccessToken")).as("secrets are kept in memory only").isFalse();
        }
    }

    @Test
    void computesSurviveARestartOnTheSameDirectory() {
        String operationId;
        try (ArmEmulator first = startOn(dataDirectory)) {
            Reply put = client(first).put("cpu-cluster", amlCompute("STANDARD_DS3_V2", 1, 2));
            String url = put.header("Azure-AsyncOperation").orElseThrow();
            operationId = url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
        }
        clock.advance(Duration.ofSeconds(10));

        try (ArmEmulator second = startOn(dataDirectory)) {
            ComputeApiClient client = client(second);
            Reply compute = client.get("cpu-cluster");
            assertThat(compute.provisioningState()).isEqualTo("Succeeded");
            assertThat(compute.typeProperties().path("allocationState").asText()).isEqualTo("Resizing");
            assertThat(compute.json().path("properties").path("createdOn").asText()).isEqualTo("2025-06-01T08:00:00Z");
            Reply operation = client.send("GET", "/subscriptions/" + EmulatorSession.SUBSCRIPTION
                    + "/providers/Microsoft.MachineLearningServices/locations/westeurope/operationStatuses/"
                    + operationId + "?" + ComputeApiClient.API_VERSION, null);
            assertThat(operation.json().path("status").asText()).isEqualTo("Succeeded");

            clock.advance(Duration.ofSeconds(20));
            assertThat(client.get("cpu-cluster").typeProperties().path("currentNodeCount").asInt()).isEqualTo(1);
            assertThat(client.delete("cpu-cluster", "Delete").status()).isEqualTo(202);
        }

        try (ArmEmulator third = startOn(dataDirectory)) {
            assertThat(client(third).get("cpu-cluster").provisioningState()).isEqualTo("Deleting");
        }
    }

    @Test
    void withoutADataDirectoryARestartStartsEmpty() {
        try (ArmEmulator first = ArmEmulator.builder().clock(clock)
                .workspace(EmulatorSession.SUBSCRIPTION, EmulatorSession.RESOURCE_GROUP, EmulatorSession.WORKSPACE,
                        EmulatorSession.LOCATION).start()) {
            client(first).put("cpu-cluster", amlCompute());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        try (ArmEmulator second = startOn(dataDirectory.resolve("elsewhere"))) {
            assertThat(client(second).get("cpu-cluster").status()).isEqualTo(404);
        }
    }
}
