package io.amlcompute.provisioner.local.arm;

import static io.amlcompute.provisioner.local.arm.ComputeBodies.computeInstance;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.local.arm.ComputeApiClient.Reply;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A compute instance's states over time on the ManualClock (creation 10 s, each start, stop or restart 4 s):
 * ComputeInstanceState of 2025-12-01 and the power actions as long-running operations.
 */
class ComputeInstanceLifecycleTest {

    private EmulatorSession session;

    @AfterEach
    void stop() {
        if (session != null) {
            session.close();
        }
    }

    private void start() {
        session = EmulatorSession.start(builder -> builder.instancePowerTime(Duration.ofSeconds(4))
                .instanceCreateFailsFor("STANDARD_NC6").instanceUnusableFor("STANDARD_E4S_V3"));
    }

    private static String state(Reply compute) {
        return compute.typeProperties().path("state").asText();
    }

    private static JsonNode lastOperation(Reply compute) {
        return compute.typeProperties().path("lastOperation");
    }

    private Reply post(String name, String action) {
        return session.client.send("POST", session.client.computePath(name) + "/" + action + "?"
                + ComputeApiClient.API_VERSION, null);
    }

    @Test
    void anInstanceIsCreatingThenRunningWithItsEndpoints() {
        start();

        Reply put = session.client.put("ci-alice", computeInstance());
        assertThat(put.status()).isEqualTo(201);
        assertThat(put.provisioningState()).isEqualTo("Creating");
        assertThat(put.header("Azure-AsyncOperation")).isPresent();

        Reply creating = session.client.get("ci-alice");
        assertThat(creating.provisioningState()).isEqualTo("Creating");
        assertThat(state(creating)).isEqualTo("Creating");
        assertThat(lastOperation(creating).path("operationName").asText()).isEqualTo("Create");
        assertThat(lastOperation(creating).path("operationStatus").asText()).isEqualTo("InProgress");
        assertThat(creating.typeProperties().has("applications")).isFalse();

        session.advance(Duration.ofSeconds(10));
        Reply running = session.client.get("ci-alice");
        assertThat(running.provisioningState()).isEqualTo("Succeeded");
        assertThat(state(running)).isEqualTo("Running");
        assertThat(lastOperation(running).path("operationStatus").asText()).isEqualTo("Succeeded");
        assertThat(lastOperation(running).path("operationTrigger").asText()).isEqualTo("User");
        assertThat(running.typeProperties().path("errors").isNull()).isTrue();
        assertThat(running.typeProperties().path("connectivityEndpoints").path("publicIpAddress").asText())
                .matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
        assertThat(running.typeProperties().path("applications")).extracting(a -> a.path("displayName").asText())
                .contains("Jupyter", "Jupyter Lab");
        assertThat(running.typeProperties().path("applications").get(0).path("endpointUri").asText())
                .startsWith("https://ci-alice.westeurope.instances.azureml.ms/");
        assertThat(running.typeProperties().path("sshSettings").path("adminUserName").asText()).isEqualTo("azureuser");
        assertThat(running.typeProperties().path("personalComputeInstanceSettings").path("assignedUser")
                .path("objectId").asText()).isEqualTo("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee");
        assertThat(running.typeProperties().path("schedules").path("computeStartStop").get(0)
                .path("provisioningStatus").asText()).isEqualTo("Completed");
    }

    @Test
    void stopStartAndRestartRunAsOperationsPolledThroughLocation() {
        start();
        session.client.put("ci-alice", computeInstance());
        session.advance(Duration.ofSeconds(10));

        Reply stop = post("ci-alice", "stop");
        assertThat(stop.status()).isEqualTo(202);
        assertThat(stop.body()).isEmpty();
        assertThat(stop.header("Retry-After")).contains("1");
        String location = stop.header("Location").orElseThrow();
        assertThat(location).startsWith(session.emulator.endpoint().toString()).contains("/operationResults/");
        Reply stopping = session.client.get("ci-alice");
        assertThat(state(stopping)).isEqualTo("Stopping");
        assertThat(stopping.provisioningState()).as("the resource itself is fine").isEqualTo("Succeeded");
        assertThat(lastOperation(stopping).path("operationName").asText()).isEqualTo("Stop");
        assertThat(session.client.follow(location).status()).isEqualTo(202);

        session.advance(Duration.ofSeconds(4));
        Reply stopped = session.client.get("ci-alice");
        assertThat(state(stopped)).isEqualTo("Stopped");
        assertThat(stopped.typeProperties().has("connectivityEndpoints")).as("a stopped machine has no address")
                .isFalse();
        assertThat(session.client.follow(location).status()).isEqualTo(204);

        assertThat(post("ci-alice", "start").status()).isEqualTo(202);
        assertThat(state(session.client.get("ci-alice"))).isEqualTo("Starting");
        session.advance(Duration.ofSeconds(4));
        assertThat(state(session.client.get("ci-alice"))).isEqualTo("Running");

        assertThat(post("ci-alice", "restart").status()).isEqualTo(202);
        Reply restarting = session.client.get("ci-alice");
        assertThat(state(restarting)).isEqualTo("Restarting");
        assertThat(lastOperation(restarting).path("operationName").asText()).isEqualTo("Restart");
        session.advance(Duration.ofSeconds(4));
        Reply restarted = session.client.get("ci-alice");
        assertThat(state(restarted)).isEqualTo("Running");
        assertThat(lastOperation(restarted).path("operationStatus").asText()).isEqualTo("Succeeded");
    }

    @ParameterizedTest
    @ValueSource(strings = {"start", "stop", "restart"})
    void anActionDuringAnotherIsAConflict(String action) {
        start();
        session.client.put("ci-alice", computeInstance());
        session.advance(Duration.ofSeconds(10));
        post("ci-alice", "stop");

        Reply during = post("ci-alice", action);

        assertThat(during.status()).isEqualTo(409);
        assertThat(during.errorCode()).isEqualTo("Conflict");
        assertThat(during.json().path("error").path("message").asText()).contains("another operation");
        assertThat(session.client.delete("ci-alice", "Delete").status()).as("a delete too").isEqualTo(409);
    }

    @Test
    void anActionWhileCreatingIsAConflict() {
        start();
        session.client.put("ci-alice", computeInstance());

        assertThat(post("ci-alice", "stop").status()).isEqualTo(409);
    }

    @Test
    void startIsOnlyAllowedWhenStoppedAndStopOnlyWhenRunning() {
        start();
        session.client.put("ci-alice", computeInstance());
        session.advance(Duration.ofSeconds(10));

        Reply startRunning = post("ci-alice", "start");
        assertThat(startRunning.status()).isEqualTo(400);
        assertThat(startRunning.errorCode()).isEqualTo("StartComputeInstanceOnlyAllowedInStoppedState");
        assertThat(startRunning.json().path("error").path("message").asText())
                .isEqualTo("Start Azure ML Compute Instance is only allowed when the instance ci-alice is in"
                        + " 'stopped' state");

        post("ci-alice", "stop");
        session.advance(Duration.ofSeconds(4));
        assertThat(post("ci-alice", "stop").errorCode()).isEqualTo("StopComputeInstanceOnlyAllowedInRunningState");
        assertThat(post("ci-alice", "restart").errorCode()).isEqualTo("RestartComputeInstanceOnlyAllowedInRunningState");
    }

    @Test
    void aSeededCreationFailureEndsCreateFailedWithItsErrors() {
        start();
        session.client.put("ci-bob", computeInstance("STANDARD_NC6", ""));
        session.advance(Duration.ofSeconds(10));

        Reply failed = session.client.get("ci-bob");

        assertThat(failed.provisioningState()).isEqualTo("Failed");
        assertThat(state(failed)).isEqualTo("CreateFailed");
        assertThat(lastOperation(failed).path("operationStatus").asText()).isEqualTo("CreateFailed");
        assertThat(failed.json().path("properties").path("provisioningErrors").get(0).path("error").path("code")
                .asText()).isEqualTo("ComputeInstanceCreateFailed");
        assertThat(failed.typeProperties().path("errors").get(0).path("error").path("code").asText())
                .isEqualTo("ComputeInstanceCreateFailed");
        assertThat(post("ci-bob", "start").status()).isEqualTo(400);
    }

    @Test
    void aSeededUnusableInstanceSucceedsButIsUnusableUntilRestarted() {
        start();
        session.client.put("ci-carol", computeInstance("STANDARD_E4S_V3", ""));
        session.advance(Duration.ofSeconds(10));

        Reply unusable = session.client.get("ci-carol");
        assertThat(unusable.provisioningState()).isEqualTo("Succeeded");
        assertThat(state(unusable)).isEqualTo("Unusable");
        assertThat(unusable.typeProperties().path("errors").get(0).path("error").path("message").asText())
                .contains("encountered an unusable node", "restart");

        assertThat(post("ci-carol", "restart").status()).isEqualTo(202);
        session.advance(Duration.ofSeconds(4));
        assertThat(state(session.client.get("ci-carol"))).isEqualTo("Running");
    }

    @Test
    void powerActionsApplyToComputeInstancesOnly() {
        start();
        session.client.put("cpu-cluster", ComputeBodies.amlCompute());
        session.advance(Duration.ofSeconds(10));

        Reply start = post("cpu-cluster", "start");

        assertThat(start.status()).isEqualTo(400);
        assertThat(start.errorCode()).isEqualTo("UserError");
        assertThat(start.json().path("error").path("message").asText())
                .isEqualTo("ComputeStart with computeType AmlCompute is not supported.");
        assertThat(post("ci-nobody", "start").status()).isEqualTo(404);
    }

    @Test
    void aPowerActionTakesPostOnly() {
        start();

        Reply get = session.client.send("GET", session.client.computePath("ci-alice") + "/start?"
                + ComputeApiClient.API_VERSION, null);

        assertThat(get.status()).isEqualTo(405);
        assertThat(get.header("Allow")).contains("POST");
    }

    @Test
    void deletingAnInstanceIsDeletingThenGone() {
        start();
        session.client.put("ci-alice", computeInstance());
        session.advance(Duration.ofSeconds(10));

        Reply delete = session.client.delete("ci-alice", "Delete");
        assertThat(delete.status()).isEqualTo(202);
        assertThat(state(session.client.get("ci-alice"))).isEqualTo("Deleting");
        session.advance(Duration.ofSeconds(5));

        assertThat(session.client.get("ci-alice").status()).isEqualTo(404);
        assertThat(session.client.delete("ci-alice", "Detach").status()).as("gone: 204").isEqualTo(204);
    }
}
