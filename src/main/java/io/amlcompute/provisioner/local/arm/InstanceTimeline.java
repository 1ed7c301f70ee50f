package io.amlcompute.provisioner.local.arm;

import io.amlcompute.provisioner.local.arm.InstanceView.LastOperation;
import io.amlcompute.provisioner.local.arm.InstanceView.State;
import io.amlcompute.provisioner.local.arm.ObservedCompute.ProvisioningState;
import java.time.Instant;
import java.util.List;

/**
 * A compute instance's state machine over time, derived from its last operation and its {@link InstanceFate}, as
 * {@link ComputeTimeline} derives a cluster's node pool. The states and their order are ComputeInstanceState's
 * (2025-12-01): Creating then Running (or CreateFailed, or Unusable); Stopping then Stopped; Starting then Running;
 * Restarting then Running; Deleting then gone. {@code provisioningState} covers the resource (contract notes section
 * 4): Creating and Deleting while those run, Failed after a failed creation, Succeeded otherwise, also while the
 * machine starts or stops.
 */
final class InstanceTimeline {

    private InstanceTimeline() {
    }

    /** The provisioning state and the instance view at {@code now}; the deletion's end is ComputeTimeline's. */
    static Observation observe(StoredCompute compute, Instant now) {
        AsyncOperation last = compute.lastOperation();
        boolean running = last.runningAt(now);
        String name = operationName(last.kind());
        LastOperation inProgress = new LastOperation(name, last.startTime(), "InProgress");
        LastOperation succeeded = new LastOperation(name, last.startTime(), "Succeeded");
        return switch (last.kind()) {
            case CREATE -> {
                if (running) {
                    yield new Observation(ProvisioningState.CREATING, List.of(),
                            new InstanceView(State.CREATING, inProgress, List.of()));
                }
                yield switch (compute.instanceFate()) {
                    case CREATE_FAILS -> new Observation(ProvisioningState.FAILED, List.of(last.failure()),
                            new InstanceView(State.CREATE_FAILED, new LastOperation(name, last.startTime(),
                                    "CreateFailed"), List.of(last.failure())));
                    case UNUSABLE -> new Observation(ProvisioningState.SUCCEEDED, List.of(),
                            new InstanceView(State.UNUSABLE, succeeded, List.of(unusable(compute))));
                    case HEALTHY -> new Observation(ProvisioningState.SUCCEEDED, List.of(),
                            new InstanceView(State.RUNNING, succeeded, List.of()));
                };
            }
            case START -> settled(running ? State.STARTING : State.RUNNING, running ? inProgress : succeeded);
            case STOP -> settled(running ? State.STOPPING : State.STOPPED, running ? inProgress : succeeded);
            case RESTART -> settled(running ? State.RESTARTING : State.RUNNING, running ? inProgress : succeeded);
            case DELETE -> new Observation(ProvisioningState.DELETING, List.of(),
                    new InstanceView(State.DELETING, inProgress, List.of()));
            case UPDATE -> throw new IllegalStateException("a compute instance is never updated: " + compute.name());
        };
    }

    private static Observation settled(State state, LastOperation operation) {
        return new Observation(ProvisioningState.SUCCEEDED, List.of(), new InstanceView(state, operation, List.of()));
    }

    /** ComputeInstanceLastOperation's {@code operationName}. */
    private static String operationName(AsyncOperation.Kind kind) {
        return switch (kind) {
            case CREATE -> "Create";
            case START -> "Start";
            case STOP -> "Stop";
            case RESTART -> "Restart";
            case DELETE -> "Delete";
            case UPDATE -> "Update";
        };
    }

    /** The service's own words for an unusable instance (MicrosoftDocs/azure-docs issue 85756). */
    private static ArmError unusable(StoredCompute compute) {
        return ArmError.of("ComputeInstanceUnusable", "The specified Azure ML Compute Instance " + compute.name()
                + " encountered an unusable node. Please try to restart the compute instance to recover. If it failed"
                + " at creation time, please delete and try to recreate the compute instance.");
    }

    /** What {@link ComputeTimeline} needs from the instance's timeline. */
    record Observation(ProvisioningState provisioningState, List<ArmError> provisioningErrors, InstanceView view) {
    }
}
