package io.amlcompute.provisioner.provisioning;

import io.amlcompute.provisioner.contract.Action;
import io.amlcompute.provisioner.contract.ComputeOperation;
import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.contract.ComputeType;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * When a compute counts as done. {@code provisioningState} Succeeded is not enough for AmlCompute: ARM reports
 * Succeeded while the node pool is still Resizing (contract notes, section 4), so a cluster is ready only when
 * its allocation is Steady with at least {@code waitForNodes} usable nodes (idle or running; a Steady pool's nodes may
 * still be preparing, or be unusable, leaving or preempted). A Steady pool below that with node errors has stopped
 * trying (a resize blocked by quota or failed node setup): it fails with those errors. An attached compute is ready
 * when Succeeded. A compute instance is ready by its own state ({@link InstanceReadiness}). A delete or detach is done
 * when the compute is gone.
 */
public final class ReadinessCheck {

    private static final Set<String> FAILED = Set.of("Failed", "Canceled");

    private ReadinessCheck() {
    }

    /**
     * @param status the latest status, or null when ARM says the compute does not exist
     */
    public static Readiness evaluate(ComputeOperation operation, int waitForNodes, ComputeStatus status) {
        boolean removal = operation.action() == Action.DELETE || operation.action() == Action.DETACH;
        if (status == null) {
            return removal ? new Readiness.Ready() : new Readiness.Failed(List.of(ComputeStatus.ErrorInfo.of(
                    "ComputeDisappeared", "Compute " + operation.computeName()
                            + " no longer exists; it was deleted while this request waited for it.")));
        }
        String state = status.provisioningState();
        if (FAILED.contains(state)) {
            List<ComputeStatus.ErrorInfo> errors = new ArrayList<>();
            errors.add(ComputeStatus.ErrorInfo.of("Provisioning" + state, "Compute " + operation.computeName()
                    + " ended in provisioning state " + state + "."));
            errors.addAll(status.errors());
            return new Readiness.Failed(errors);
        }
        if (!removal && operation.computeType() == ComputeType.COMPUTE_INSTANCE) {
            return InstanceReadiness.evaluate(operation, status);
        }
        if (removal || !"Succeeded".equals(state)) {
            return new Readiness.Pending();
        }
        if (operation.computeType() != ComputeType.AML_COMPUTE) {
            return new Readiness.Ready();
        }
        if (!"Steady".equals(status.allocationState())) {
            return new Readiness.Pending();
        }
        int usable = usableNodes(status);
        if (usable >= waitForNodes) {
            return new Readiness.Ready();
        }
        if (!status.errors().isEmpty()) {
            // Steady below what the request waits for, with node errors: the resize ARM attempted is over (quota,
            // node setup) and the pool will not grow by waiting; fail now with ARM's reasons, not at the deadline.
            List<ComputeStatus.ErrorInfo> errors = new ArrayList<>();
            errors.add(ComputeStatus.ErrorInfo.of("NodesNotUsable", "Compute " + operation.computeName()
                    + " is Steady with " + usable + " usable node(s) (idle or running) of the " + waitForNodes
                    + " the request waits for, and ARM reports node errors."));
            errors.addAll(status.errors());
            return new Readiness.Failed(errors);
        }
        return new Readiness.Pending();
    }

    /**
     * Nodes a job can use: idle or running ({@code nodeStateCounts}). {@code currentNodeCount} also counts nodes that
     * are preparing, unusable, leaving or preempted, so it says nothing about usability.
     */
    static int usableNodes(ComputeStatus status) {
        ComputeStatus.NodeCounts nodes = status.nodes();
        return nodes == null ? 0 : nodes.idle() + nodes.running();
    }
}
