package io.amlcompute.provisioner.provisioning;

import io.amlcompute.provisioner.contract.Action;
import io.amlcompute.provisioner.contract.ComputeOperation;
import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.contract.ComputeType;
import io.amlcompute.provisioner.contract.DeleteCompute;
import io.amlcompute.provisioner.contract.InstancePowerChange;
import io.amlcompute.provisioner.contract.InstanceStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** A compute instance is ready by its own state (ReadinessCheck through InstanceReadiness), one row per rule. */
class InstanceReadinessTest {

    private static final ComputeOperation ENSURE = new io.amlcompute.provisioner.contract.EnsureComputeInstance(
            "ci-alice", "Standard_DS3_v2", null, io.amlcompute.provisioner.contract.ApplicationSharingPolicy.SHARED,
            io.amlcompute.provisioner.contract.InstanceSsh.DISABLED, null, true, java.time.Duration.ofHours(1),
            List.of(), true, null, java.util.Map.of(), null);
    private static final ComputeOperation START = new InstancePowerChange("ci-alice", Action.START);
    private static final ComputeOperation STOP = new InstancePowerChange("ci-alice", Action.STOP);
    private static final ComputeOperation RESTART = new InstancePowerChange("ci-alice", Action.RESTART);
    private static final ComputeOperation DELETE = new DeleteCompute("ci-alice", ComputeType.COMPUTE_INSTANCE);
    private static final ComputeStatus.ErrorInfo UNUSABLE = ComputeStatus.ErrorInfo.of("ComputeInstanceUnusable",
            "encountered an unusable node");

    static Stream<Arguments> table() {
        return Stream.of(
                arguments("ensure while Creating", ENSURE, status("Creating", "Creating", null), Readiness.Pending.class),
                arguments("ensure of a sparse body without state", ENSURE, status("Creating", null, null), Readiness.Pending.class),
                arguments("ensure Succeeded but still Creating", ENSURE, status("Succeeded", "Creating", null), Readiness.Pending.class),
                arguments("ensure Running", ENSURE, status("Succeeded", "Running", null), Readiness.Ready.class),
                arguments("ensure JobRunning", ENSURE, status("Succeeded", "JobRunning", null), Readiness.Ready.class),
                arguments("ensure of an instance someone stopped", ENSURE, status("Succeeded", "Stopped", null), Readiness.Ready.class),
                arguments("ensure while SettingUp", ENSURE, status("Succeeded", "SettingUp", null), Readiness.Pending.class),
                arguments("ensure CreateFailed", ENSURE, status("Failed", "CreateFailed", op("Create", "CreateFailed")), Readiness.Failed.class),
                arguments("ensure Unusable", ENSURE, withError(status("Succeeded", "Unusable", null)), Readiness.Failed.class),
                arguments("ensure UserSetupFailed", ENSURE, status("Succeeded", "UserSetupFailed", null), Readiness.Failed.class),
                arguments("ensure SetupFailed", ENSURE, status("Succeeded", "SetupFailed", null), Readiness.Failed.class),
                arguments("ensure in a state of a newer version", ENSURE, status("Succeeded", "Resizing", null), Readiness.Pending.class),
                arguments("start while Starting", START, status("Succeeded", "Starting", op("Start", "InProgress")), Readiness.Pending.class),
                arguments("start before ARM shows it", START, status("Succeeded", "Stopped", null), Readiness.Pending.class),
                arguments("start Running", START, status("Succeeded", "Running", op("Start", "Succeeded")), Readiness.Ready.class),
                arguments("start that failed", START, status("Succeeded", "Stopped", op("Start", "StartFailed")), Readiness.Failed.class),
                arguments("start ending Unusable", START, status("Succeeded", "Unusable", op("Start", "Succeeded")), Readiness.Failed.class),
                arguments("stop while Stopping", STOP, status("Succeeded", "Stopping", op("Stop", "InProgress")), Readiness.Pending.class),
                arguments("stop before ARM shows it", STOP, status("Succeeded", "Running", null), Readiness.Pending.class),
                arguments("stop Stopped", STOP, status("Succeeded", "Stopped", op("Stop", "Succeeded")), Readiness.Ready.class),
                arguments("stop that failed", STOP, status("Succeeded", "Running", op("Stop", "StopFailed")), Readiness.Failed.class),
                arguments("stop does not care for an old start failure", STOP, status("Succeeded", "Stopped", op("Start", "StartFailed")), Readiness.Ready.class),
                arguments("restart while Restarting", RESTART, status("Succeeded", "Restarting", op("Restart", "InProgress")), Readiness.Pending.class),
                arguments("restart Running before it has restarted", RESTART, status("Succeeded", "Running", op("Restart", "InProgress")), Readiness.Pending.class),
                arguments("restart Running after it", RESTART, status("Succeeded", "Running", op("Restart", "Succeeded")), Readiness.Ready.class),
                arguments("restart that failed", RESTART, status("Succeeded", "Running", op("Restart", "RestartFailed")), Readiness.Failed.class),
                arguments("delete while Deleting", DELETE, status("Deleting", "Deleting", op("Delete", "InProgress")), Readiness.Pending.class),
                arguments("delete once gone", DELETE, null, Readiness.Ready.class),
                arguments("an instance gone while starting", START, null, Readiness.Failed.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decides(String name, ComputeOperation operation, ComputeStatus status, Class<? extends Readiness> expected) {
        assertThat(ReadinessCheck.evaluate(operation, 0, status)).isInstanceOf(expected);
    }

    @org.junit.jupiter.api.Test
    void aFailedInstanceCarriesItsOwnErrors() {
        Readiness readiness = ReadinessCheck.evaluate(ENSURE, 0, withError(status("Succeeded", "Unusable", null)));

        assertThat(((Readiness.Failed) readiness).errors()).extracting(ComputeStatus.ErrorInfo::code)
                .containsExactly("InstanceUnusable", "ComputeInstanceUnusable");
    }

    private static ComputeStatus status(String provisioningState, String state, InstanceStatus.LastOperation last) {
        return new ComputeStatus(provisioningState, null, null, List.of(),
                state == null ? null : new InstanceStatus(state, null, last, List.of(), null));
    }

    private static ComputeStatus withError(ComputeStatus status) {
        return new ComputeStatus(status.provisioningState(), null, null, List.of(UNUSABLE), status.instance());
    }

    private static InstanceStatus.LastOperation op(String name, String status) {
        return new InstanceStatus.LastOperation(name, status, "2026-12-01T10:00:00Z", "User");
    }
}
