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
 * {@code targetNodeCount} at the new one until the allocation time has passed, then Steady. Nodes of a VM size whose
 * setup fails end up unusable, with the reason in {@code properties.properties.errors}.
 */
final class ComputeTimeline {

    private ComputeTimeline() {
    }

    /** The compute at {@code now}, or empty once its deletion has finished. */
    static Optional<ObservedCompute> observe(StoredCompute compute, Instant now) {
        AsyncOperation last = compute.lastOperation();
        boolean running = last.runningAt(now);
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
            default -> throw new IllegalStateException("unknown operation kind " + last.kind());
        }
        return Optional.of(new ObservedCompute(compute, state, provisioningErrors, nodePool(compute, state, now)));
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
                    new NodeStateCounts(0, 0, 0, 0), List.of()));
        }
        boolean failing = compute.nodeSetupFails();
        if (allocation.resizingAt(now)) {
            int from = allocation.fromNodes();
            int to = allocation.toNodes();
            int staying = Math.min(from, to);
            NodeStateCounts counts = new NodeStateCounts(failing ? 0 : staying, Math.max(0, to - from),
                    failing ? staying : 0, Math.max(0, from - to));
            return Optional.of(new NodePool(AllocationState.RESIZING, allocation.start(), from, to, counts,
                    setupErrors(compute, failing ? staying : 0)));
        }
        int nodes = allocation.nodesAt(now);
        NodeStateCounts counts = new NodeStateCounts(failing ? 0 : nodes, 0, failing ? nodes : 0, 0);
        return Optional.of(new NodePool(AllocationState.STEADY, allocation.end(), nodes, allocation.toNodes(), counts,
                setupErrors(compute, failing ? nodes : 0)));
    }

    private static List<ArmError> setupErrors(StoredCompute compute, int unusableNodes) {
        if (unusableNodes == 0) {
            return List.of();
        }
        return List.of(ArmError.of("NodeSetupFailed", "Node setup failed on " + unusableNodes + " node(s) of VM size "
                + compute.definition().vmSize() + ": the nodes are unusable. Delete the compute or scale it to 0 "
                + "and back once the cause is fixed."));
    }
}
