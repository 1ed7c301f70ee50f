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
 * its allocation is Steady with at least {@code waitForNodes} nodes. An attached compute is ready when
 * Succeeded. A delete or detach is done when the compute is gone.
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
        if (removal || !"Succeeded".equals(state)) {
            return new Readiness.Pending();
        }
        if (operation.computeType() != ComputeType.AML_COMPUTE) {
            return new Readiness.Ready();
        }
        boolean steady = "Steady".equals(status.allocationState());
        int nodes = status.nodes() == null ? 0 : status.nodes().current();
        return steady && nodes >= waitForNodes ? new Readiness.Ready() : new Readiness.Pending();
    }
}
