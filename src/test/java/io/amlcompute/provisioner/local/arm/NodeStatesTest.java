package io.amlcompute.provisioner.local.arm;

import static io.amlcompute.provisioner.local.arm.ComputeBodies.amlCompute;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.local.ManualClock;
import io.amlcompute.provisioner.local.arm.ComputeApiClient.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Steady is not usable: the knobs that leave a Steady pool's nodes preparing, preempted or missing (a resize blocked
 * by quota, with a node error). Unusable nodes after a failed node setup are covered in {@link ComputeLifecycleTest}.
 * Provisioning 10 s, node allocation 20 s: a cluster created at 0 s reads Steady from 30 s.
 */
class NodeStatesTest {

    private EmulatorSession session;

    @AfterEach
    void stop() {
        if (session != null) {
            session.close();
        }
    }

    private static String lowPriority(String vmSize, int minNodes) {
        return """
                { "location": "westeurope",
                  "properties": { "computeType": "AmlCompute",
                    "properties": { "vmSize": "%s", "vmPriority": "LowPriority",
                      "scaleSettings": { "maxNodeCount": 4, "minNodeCount": %d } } } }
                """.formatted(vmSize, minNodes);
    }

    private JsonNode pool(String name) {
        return session.client.get(name).typeProperties();
    }

    private static int count(JsonNode pool, String state) {
        return pool.path("nodeStateCounts").path(state + "NodeCount").asInt();
    }

    @Test
    void nodesOfAFinishedResizeReadPreparingWhileThePoolIsAlreadySteadyThenBecomeIdle() {
        session = EmulatorSession.start(b -> b.nodePreparationTime(Duration.ofSeconds(40)));
        session.client.put("cpu-cluster", amlCompute("STANDARD_DS3_V2", 2, 4));

        session.advance(Duration.ofSeconds(30));
        JsonNode preparing = pool("cpu-cluster");
        session.advance(Duration.ofSeconds(40));
        JsonNode ready = pool("cpu-cluster");

        assertThat(preparing.path("allocationState").asText()).isEqualTo("Steady");
        assertThat(preparing.path("currentNodeCount").asInt()).isEqualTo(2);
        assertThat(count(preparing, "preparing")).isEqualTo(2);
        assertThat(count(preparing, "idle")).isZero();
        assertThat(count(ready, "idle")).isEqualTo(2);
        assertThat(count(ready, "preparing")).isZero();
    }

    @Test
    void lowPriorityNodesOfAPreemptedSizeAreCountedButPreemptedAndDedicatedOnesAreNot() {
        session = EmulatorSession.start(b -> b.preemptsNodesFor("STANDARD_D2_V2"));
        session.client.put("spot", lowPriority("STANDARD_D2_V2", 2));
        session.client.put("dedicated", amlCompute("STANDARD_D2_V2", 2, 4));

        session.advance(Duration.ofSeconds(30));
        JsonNode spot = pool("spot");
        JsonNode dedicated = pool("dedicated");

        assertThat(spot.path("allocationState").asText()).isEqualTo("Steady");
        assertThat(spot.path("currentNodeCount").asInt()).isEqualTo(2);
        assertThat(count(spot, "preempted")).isEqualTo(2);
        assertThat(count(spot, "idle")).isZero();
        assertThat(spot.path("errors").isNull()).isTrue();
        assertThat(count(dedicated, "idle")).isEqualTo(2);
        assertThat(count(dedicated, "preempted")).isZero();
    }

    @Test
    void aResizeBlockedByQuotaReturnsToSteadyBelowTargetWithANodeError() {
        session = EmulatorSession.start(b -> b.resizeBlockedFor("STANDARD_NC6"));
        Reply put = session.client.put("gpu-cluster", amlCompute("STANDARD_NC6", 2, 4));
        assertThat(put.status()).as("the cluster itself is created: quota is taken by nodes").isEqualTo(201);

        session.advance(Duration.ofSeconds(10));
        JsonNode resizing = pool("gpu-cluster");
        session.advance(Duration.ofSeconds(20));
        JsonNode blocked = pool("gpu-cluster");

        assertThat(session.client.get("gpu-cluster").provisioningState()).isEqualTo("Succeeded");
        assertThat(resizing.path("allocationState").asText()).isEqualTo("Resizing");
        assertThat(blocked.path("allocationState").asText()).isEqualTo("Steady");
        assertThat(blocked.path("currentNodeCount").asInt()).isZero();
        assertThat(blocked.path("targetNodeCount").asInt()).isEqualTo(2);
        assertThat(blocked.path("errors").get(0).path("error").path("code").asText()).isEqualTo("QuotaExceeded");
        assertThat(blocked.path("errors").get(0).path("error").path("message").asText())
                .contains("exceeding quota limits of Core");
    }

    @Test
    void aBlockedClusterScaledBackToItsNodesIsSteadyWithoutErrors() {
        session = EmulatorSession.start(b -> b.resizeBlockedFor("STANDARD_NC6"));
        session.client.put("gpu-cluster", amlCompute("STANDARD_NC6", 2, 4));
        session.advance(Duration.ofSeconds(30));

        assertThat(session.client.patch("gpu-cluster", ComputeBodies.scaleTo(0, 4)).status()).isEqualTo(200);
        session.advance(Duration.ofSeconds(10));

        JsonNode pool = pool("gpu-cluster");
        assertThat(pool.path("allocationState").asText()).isEqualTo("Steady");
        assertThat(pool.path("currentNodeCount").asInt()).isZero();
        assertThat(pool.path("targetNodeCount").asInt()).isZero();
        assertThat(pool.path("errors").isNull()).isTrue();
    }

    @Test
    void aClustersNodeFateSurvivesARestartOnTheSameDataDirectory(@TempDir Path data) throws IOException {
        ManualClock clock = new ManualClock(EmulatorSession.START);
        HttpClient http = HttpClient.newHttpClient();
        try (ArmEmulator first = start(clock, data, true)) {
            client(http, first).put("spot", lowPriority("STANDARD_D2_V2", 1));
        }
        clock.advance(Duration.ofSeconds(30));

        try (ArmEmulator second = start(clock, data, false)) {
            JsonNode pool = client(http, second).get("spot").typeProperties();
            assertThat(count(pool, "preempted")).isEqualTo(1);
        }
    }

    private static ArmEmulator start(ManualClock clock, Path data, boolean preempting) {
        ArmEmulatorBuilder builder = ArmEmulator.builder().clock(clock).dataDirectory(data)
                .workspace(EmulatorSession.SUBSCRIPTION, EmulatorSession.RESOURCE_GROUP, EmulatorSession.WORKSPACE,
                        EmulatorSession.LOCATION)
                .provisioningTime(Duration.ofSeconds(10)).nodeAllocationTime(Duration.ofSeconds(20));
        if (preempting) {
            builder.preemptsNodesFor("STANDARD_D2_V2");
        }
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ComputeApiClient client(HttpClient http, ArmEmulator emulator) {
        return new ComputeApiClient(http, emulator.endpoint(), EmulatorSession.SUBSCRIPTION,
                EmulatorSession.RESOURCE_GROUP, EmulatorSession.WORKSPACE);
    }
}
