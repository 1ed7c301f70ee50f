package io.amlcompute.provisioner.provisioning;

import io.amlcompute.provisioner.contract.Action;
import io.amlcompute.provisioner.contract.ComputeOperation;
import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.contract.InstanceStatus;

import java.util.ArrayList;
import java.util.List;

/**
 * When a compute instance has reached what the request waits for: the instance's own {@code state}, not just
 * {@code provisioningState} Succeeded, which covers the resource and reads Succeeded while the machine starts or stops
 * (contract notes section 4). Ensure: Running (or Stopped, for an existing instance someone stopped: ensure does not
 * start it). Start: Running. Stop: Stopped. Restart: Running again after the restart, told by {@code lastOperation}:
 * a Running instance whose last operation is a restart still in progress has not restarted yet. CreateFailed, Unusable,
 * SetupFailed and UserSetupFailed, or a last operation of this action that failed (StartFailed, ...), end the request
 * with the instance's errors.
 */
final class InstanceReadiness {

    private InstanceReadiness() {
    }

    static Readiness evaluate(ComputeOperation operation, ComputeStatus status) {
        InstanceStatus instance = status.instance();
        String state = instance == null ? null : instance.state();
        if (state != null && InstanceActions.FAILED_STATES.contains(state)) {
            return failed(operation, "Instance" + state, "is " + state, status);
        }
        InstanceStatus.LastOperation last = instance == null ? null : instance.lastOperation();
        if (last != null && operationName(operation.action()).equals(last.name()) && last.status() != null
                && last.status().endsWith("Failed")) {
            return failed(operation, "Instance" + last.status(), "reports " + last.name() + " " + last.status(),
                    status);
        }
        if (!"Succeeded".equals(status.provisioningState()) || state == null) {
            return new Readiness.Pending();
        }
        boolean running = InstanceStatus.RUNNING_STATES.contains(state);
        boolean ready = switch (operation.action()) {
            case ENSURE -> running || "Stopped".equals(state);
            case START -> running;
            case STOP -> "Stopped".equals(state);
            case RESTART -> running && !(last != null && "Restart".equals(last.name())
                    && "InProgress".equals(last.status()));
            default -> throw new IllegalArgumentException(operation.action() + " does not wait for an instance");
        };
        return ready ? new Readiness.Ready() : new Readiness.Pending();
    }

    private static Readiness failed(ComputeOperation operation, String code, String what, ComputeStatus status) {
        List<ComputeStatus.ErrorInfo> errors = new ArrayList<>();
        errors.add(ComputeStatus.ErrorInfo.of(code, "Compute instance " + operation.computeName() + " " + what + "."));
        errors.addAll(status.errors());
        return new Readiness.Failed(errors);
    }

    /** ComputeInstanceLastOperation's {@code operationName} for an action. */
    private static String operationName(Action action) {
        return switch (action) {
            case ENSURE -> "Create";
            case START -> "Start";
            case STOP -> "Stop";
            case RESTART -> "Restart";
            default -> "";
        };
    }
}
