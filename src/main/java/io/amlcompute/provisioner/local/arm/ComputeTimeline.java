package io.amlcompute.provisioner.local.arm;

import io.amlcompute.provisioner.local.arm.ObservedCompute.AllocationState;
import io.amlcompute.provisioner.local.arm.ObservedCompute.NodePool;
import io.amlcompute.provisioner.local.arm.ObservedCompute.NodeStateCounts;
import io.amlcompute.provisioner.local.arm.ObservedCompute.ProvisioningState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Derives what a compute looks like at an instant from its stored history, so time only has to move on the injected
 * clock: nothing runs in the background.
 *
 * <p>Provisioning state follows the last operation (Creating/Updating/Deleting while it runs; then Succeeded, Failed
 * with {@code provisioningErrors}, or gone after a delete). For AmlCompute, Succeeded does not mean nodes are ready
 * (contract notes section 4): the pool reads Resizing with {@code currentNodeCount} at the old count and
 * {@code targetNodeCount} at the new one until the allocation time has passed, then Steady; Steady does not mean
 * usable either: nodes read {@code preparing} for the preparation time, and the cluster's {@link NodeFate} may leave
 * them unusable (node setup failed, with the reason in {@code properties.properties.errors}), preempted, or missing
 * (a resize blocked by quota returns to Steady below target with an error). {@code currentNodeCount} counts every
 * node in {@code nodeStateCounts}, whatever its state.
 */
final class ComputeTimeline {

    private ComputeTimeline() {
    }

    /** The compute at {@code now}, or empty once its deletion has finished. */
    static Optional<ObservedCompute> observe(StoredCompute compute, Instant now) {
        AsyncOperation last = compute.lastOperation();
        boolean running = last.runningAt(now);
        if (compute.definition().computeType() == ArmComputeType.COMPUTE_INSTANCE) {
            if (last.kind() == AsyncOperation.Kind.DELETE && !running) {
                return Optional.empty();
            }
            InstanceTimeline.Observation instance = InstanceTimeline.observe(compute, now);
            return Optional.of(new ObservedCompute(compute, instance.provisioningState(),
                    instance.provisioningErrors(), Optional.empty(), Optional.of(instance.view())));
        }
        ProvisioningState state;
        List<ArmError> provisioningErrors = List.of();
        switch (last.kind()) {
            case CREATE -> {
                if (running) {
                    state = ProvisioningState.CREATING;
                } else if (last.failure() != null) {
                    state = ProvisioningState.FAILED;
                    provisioningErrors = List.of(last.failure());
                } else {
                    state = ProvisioningState.SUCCEEDED;
                }
            }
            case UPDATE -> state = running ? ProvisioningState.UPDATING : ProvisioningState.SUCCEEDED;
            case DELETE -> {
                if (!running) {
                    return Optional.empty();
                }
                state = ProvisioningState.DELETING;
            }
            case START, STOP, RESTART -> throw new IllegalStateException("only a compute instance is started,"
                    + " stopped or restarted: " + compute.name());
            default -> throw new IllegalStateException("unknown operation kind " + last.kind());
        }
        return Optional.of(new ObservedCompute(compute, state, provisioningErrors, nodePool(compute, state, now),
                Optional.empty()));
    }

    private static Optional<NodePool> nodePool(StoredCompute compute, ProvisioningState state, Instant now) {
        if (compute.definition().computeType() != ArmComputeType.AML_COMPUTE || state == ProvisioningState.CREATING) {
            return Optional.empty();
        }
        NodeAllocation allocation = compute.allocationAt(now);
        if (allocation == null) {
            // Failed creation (or a pool that never resized): an empty, steady pool.
            Instant since = compute.lastOperation().endTime();
            return Optional.of(new NodePool(AllocationState.STEADY, since, 0, 0,
                    new NodeStateCounts(0, 0, 0, 0, 0), List.of()));
        }
        NodeFate fate = compute.nodeFate();
        int from = allocation.fromNodes();
        int to = allocation.toNodes();
        if (allocation.resizingAt(now)) {
            // The nodes that stay keep their fate; new ones are being prepared, surplus ones are leaving.
            int staying = Math.min(from, to);
            NodeStateCounts counts = settled(fate, staying, false, Math.max(0, to - from), Math.max(0, from - to));
            return Optional.of(new NodePool(AllocationState.RESIZING, allocation.start(), from, to, counts,
                    fate == NodeFate.SETUP_FAILS ? setupErrors(compute, staying) : List.of()));
        }
        // A blocked resize up keeps the old nodes: Steady again, below its target (by its fate, or by the quota).
        int nodes = compute.nodesAt(now);
        NodeStateCounts counts = settled(fate, nodes, allocation.preparingAt(now), 0, 0);
        List<ArmError> errors = allocation.blocked() != null && nodes < to ? List.of(allocation.blocked())
                : switch (fate) {
                    case SETUP_FAILS -> setupErrors(compute, nodes);
                    case RESIZE_BLOCKED -> nodes < to ? quotaErrors(compute, to - nodes) : List.<ArmError>of();
                    default -> List.<ArmError>of();
                };
        return Optional.of(new NodePool(AllocationState.STEADY, allocation.end(), nodes, to, counts, errors));
    }

    /** Where {@code nodes} allocated nodes stand, by their fate, beside nodes being added or removed. */
    private static NodeStateCounts settled(NodeFate fate, int nodes, boolean preparing, int adding, int leaving) {
        return switch (fate) {
            case SETUP_FAILS -> new NodeStateCounts(0, adding, nodes, leaving, 0);
            case PREEMPTED -> new NodeStateCounts(0, adding, 0, leaving, nodes);
            case HEALTHY, RESIZE_BLOCKED -> preparing
                    ? new NodeStateCounts(0, nodes + adding, 0, leaving, 0)
                    : new NodeStateCounts(nodes, adding, 0, leaving, 0);
        };
    }

    private static List<ArmError> setupErrors(StoredCompute compute, int unusableNodes) {
        if (unusableNodes == 0) {
            return List.of();
        }
        return List.of(ArmError.of("NodeSetupFailed", "Node setup failed on " + unusableNodes + " node(s) of VM size "
                + compute.definition().vmSize() + ": the nodes are unusable. Delete the compute or scale it to 0 "
                + "and back once the cause is fixed."));
    }

    /**
     * The node error of a resize that got no nodes for lack of quota. Code and wording are illustrative (the spec
     * gives only the ErrorResponse shape); the message is the one users meet (platform notes, section 5).
     */
    private static List<ArmError> quotaErrors(StoredCompute compute, int missingNodes) {
        return List.of(ArmError.of("QuotaExceeded", "Operation results in exceeding quota limits of Core: the "
                + "cluster could not grow by " + missingNodes + " node(s) of VM size " + compute.definition().vmSize()
                + ". Request more quota for the VM family in this region, or lower the node count."));
    }
}
