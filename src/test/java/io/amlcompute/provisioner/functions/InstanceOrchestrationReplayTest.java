package io.amlcompute.provisioner.functions;

import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.contract.InstanceStatus;
import io.amlcompute.provisioner.contract.event.EventType;
import io.amlcompute.provisioner.contract.event.Outcome;
import io.amlcompute.provisioner.provisioning.ActionResult;
import io.amlcompute.provisioner.provisioning.StatusRead;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compute instance paths through the real orchestrator and the real durabletask replay engine, on hand-built
 * histories (as {@link ProvisionComputeOrchestratorReplayTest}): the wait for the instance's own state after ensure,
 * start, stop and restart, each ending in exactly one event.
 */
class InstanceOrchestrationReplayTest {

    private static final List<InstanceStatus.Application> APPS = List.of(
            new InstanceStatus.Application("Jupyter Lab", "https://ci-alice.westeurope.instances.azureml.ms/lab"),
            new InstanceStatus.Application("VS Code", "https://ci-alice.westeurope.instances.azureml.ms/vscode"));
    private static final String ALICE = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";

    @Test
    void aNewInstanceIsReadyOnceRunningWithItsEndpoints() throws Exception {
        ProvisionComputeOrchestratorReplayTest.Run run = new ProvisionComputeOrchestratorReplayTest.Script()
                .act(done(Outcome.CREATED, instance("Creating", "Creating", null)))
                .read(found(instance("Creating", "Creating", op("Create", "InProgress"))),
                        found(instance("Succeeded", "Running", op("Create", "Succeeded"))))
                .run("ensure-computeinstance.json");

        run.assertOneEvent(EventType.READY, Outcome.CREATED);
        assertThat(run.event().data().polls()).isEqualTo(2);
        InstanceStatus instance = run.event().data().status().instance();
        assertThat(instance.state()).isEqualTo("Running");
        assertThat(instance.assignedUserObjectId()).isEqualTo(ALICE);
        assertThat(instance.applications()).extracting(InstanceStatus.Application::displayName)
                .containsExactly("Jupyter Lab", "VS Code");
    }

    @Test
    void startWaitsForRunning() throws Exception {
        ProvisionComputeOrchestratorReplayTest.Run run = new ProvisionComputeOrchestratorReplayTest.Script()
                .act(done(Outcome.STARTED, instance("Succeeded", "Starting", op("Start", "InProgress"))))
                .read(found(instance("Succeeded", "Starting", op("Start", "InProgress"))),
                        found(instance("Succeeded", "Running", op("Start", "Succeeded"))))
                .run("start-computeinstance.json");

        run.assertOneEvent(EventType.READY, Outcome.STARTED);
        assertThat(run.event().data().status().instance().state()).isEqualTo("Running");
    }

    @Test
    void stopWaitsForStoppedAndCarriesNoEndpoints() throws Exception {
        ProvisionComputeOrchestratorReplayTest.Run run = new ProvisionComputeOrchestratorReplayTest.Script()
                .act(done(Outcome.STOPPED, instance("Succeeded", "Stopping", op("Stop", "InProgress"))))
                .read(found(instance("Succeeded", "Stopped", op("Stop", "Succeeded"))))
                .run("stop-computeinstance.json");

        run.assertOneEvent(EventType.READY, Outcome.STOPPED);
        assertThat(run.event().data().status().instance().state()).isEqualTo("Stopped");
        assertThat(run.event().data().status().instance().applications()).isEmpty();
    }

    @Test
    void restartWaitsUntilTheRestartHasHappenedNotJustForRunning() throws Exception {
        ProvisionComputeOrchestratorReplayTest.Run run = new ProvisionComputeOrchestratorReplayTest.Script()
                .act(done(Outcome.RESTARTED, instance("Succeeded", "Running", op("Restart", "InProgress"))))
                .read(found(instance("Succeeded", "Restarting", op("Restart", "InProgress"))),
                        found(instance("Succeeded", "Running", op("Restart", "Succeeded"))))
                .run("restart-computeinstance.json");

        run.assertOneEvent(EventType.READY, Outcome.RESTARTED);
        assertThat(run.event().data().polls()).isEqualTo(2);
    }

    @Test
    void anInstanceAlreadyInTheWantedStateEndsAtOnce() throws Exception {
        ProvisionComputeOrchestratorReplayTest.Run run = new ProvisionComputeOrchestratorReplayTest.Script()
                .act(done(Outcome.EXISTING, instance("Succeeded", "Running", op("Create", "Succeeded"))))
                .run("start-computeinstance.json");

        run.assertOneEvent(EventType.READY, Outcome.EXISTING);
        assertThat(run.driver().timerLengths()).isEmpty();
        assertThat(run.driver().scheduledActivities()).doesNotContain(ReadComputeStatus.NAME);
    }

    @Test
    void anActionThatMustWaitForAnotherOperationIsRetriedOnADurableTimer() throws Exception {
        ProvisionComputeOrchestratorReplayTest.Run run = new ProvisionComputeOrchestratorReplayTest.Script()
                .act(new ActionResult.Wait(ActionResult.WaitReason.OPERATION_IN_PROGRESS, "InstanceBusy",
                                "Compute instance ci-alice is Starting", null),
                        done(Outcome.STOPPED, instance("Succeeded", "Stopping", op("Stop", "InProgress"))))
                .read(found(instance("Succeeded", "Stopped", op("Stop", "Succeeded"))))
                .run("stop-computeinstance.json");

        run.assertOneEvent(EventType.READY, Outcome.STOPPED);
        assertThat(run.driver().scheduledActivities()).filteredOn(PerformComputeAction.NAME::equals).hasSize(2);
        assertThat(run.driver().timerLengths()).isNotEmpty();
    }

    @Test
    void aCreationThatEndsCreateFailedFailsWithTheInstancesErrors() throws Exception {
        ComputeStatus.ErrorInfo error = ComputeStatus.ErrorInfo.of("ComputeInstanceCreateFailed", "no capacity");
        ProvisionComputeOrchestratorReplayTest.Run run = new ProvisionComputeOrchestratorReplayTest.Script()
                .act(done(Outcome.CREATED, instance("Creating", "Creating", null)))
                .read(found(new ComputeStatus("Failed", null, null, List.of(error),
                        new InstanceStatus("CreateFailed", ALICE, op("Create", "CreateFailed"), List.of(), null))))
                .run("ensure-computeinstance.json");

        run.assertOneEvent(EventType.FAILED, Outcome.CREATED);
        assertThat(run.event().data().errors()).extracting(ComputeStatus.ErrorInfo::code)
                .contains("ComputeInstanceCreateFailed");
    }

    @Test
    void aStartThatLeavesTheInstanceUnusableFails() throws Exception {
        ProvisionComputeOrchestratorReplayTest.Run run = new ProvisionComputeOrchestratorReplayTest.Script()
                .act(done(Outcome.STARTED, instance("Succeeded", "Starting", op("Start", "InProgress"))))
                .read(found(instance("Succeeded", "Unusable", op("Start", "Succeeded"))))
                .run("start-computeinstance.json");

        run.assertOneEvent(EventType.FAILED, Outcome.STARTED);
        assertThat(run.event().data().errors()).extracting(ComputeStatus.ErrorInfo::code)
                .contains("InstanceUnusable");
    }

    @Test
    void anInstanceStuckStartingTimesOutAtTheDeadline() throws Exception {
        ProvisionComputeOrchestratorReplayTest.Run run = new ProvisionComputeOrchestratorReplayTest.Script()
                .act(done(Outcome.STARTED, instance("Succeeded", "Starting", op("Start", "InProgress"))))
                .read(found(instance("Succeeded", "Starting", op("Start", "InProgress"))))
                .run("start-computeinstance.json");

        run.assertOneEvent(EventType.TIMED_OUT, Outcome.STARTED);
        assertThat(run.event().data().timings().elapsed()).isGreaterThanOrEqualTo(Duration.ofMinutes(20));
        assertThat(run.event().data().status().instance().state()).isEqualTo("Starting");
    }

    private static ActionResult.Done done(Outcome outcome, ComputeStatus status) {
        return new ActionResult.Done(outcome, List.of(), status);
    }

    private static StatusRead found(ComputeStatus status) {
        return new StatusRead.Found(status);
    }

    private static ComputeStatus instance(String provisioningState, String state, InstanceStatus.LastOperation last) {
        return new ComputeStatus(provisioningState, null, null, List.of(),
                new InstanceStatus(state, ALICE, last, APPS, null));
    }

    private static InstanceStatus.LastOperation op(String name, String status) {
        return new InstanceStatus.LastOperation(name, status, "2026-11-29T10:00:00Z", "User");
    }
}
