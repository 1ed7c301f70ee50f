package io.amlcompute.provisioner.contract;

import java.util.List;

/**
 * What ARM last said about a compute, reduced to what decides readiness and what users want to see.
 * {@code provisioningState} and {@code allocationState} keep ARM's spelling; ARM's enums are extensible, so
 * unknown values are kept as they come rather than refused.
 *
 * @param provisioningState Unknown, Updating, Creating, Deleting, Succeeded, Failed, Canceled, or a newer value
 * @param allocationState   AmlCompute only: Steady or Resizing; null for other types
 * @param nodes             AmlCompute only; null for other types or while ARM does not report counts yet
 * @param errors            provisioning errors, node-setup errors and a compute instance's errors, as ARM reported them
 * @param instance          a compute instance's own state; null for other types or while ARM does not report it
 */
public record ComputeStatus(String provisioningState, String allocationState, NodeCounts nodes,
                            List<ErrorInfo> errors, InstanceStatus instance) {

    public ComputeStatus {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** The status of a compute that is not an instance. */
    public ComputeStatus(String provisioningState, String allocationState, NodeCounts nodes, List<ErrorInfo> errors) {
        this(provisioningState, allocationState, nodes, errors, null);
    }

    /** Node counts of an AmlCompute cluster ({@code currentNodeCount}, {@code targetNodeCount}, {@code nodeStateCounts}). */
    public record NodeCounts(int current, int target, int idle, int running, int preparing, int unusable,
                             int leaving, int preempted) {
    }

    /**
     * One error or warning: from ARM (provisioning or node errors), from a failed step, from validation, or from the
     * region pre-flight.
     *
     * @param path         JSONPath of the request field at fault, for validation and pre-flight findings; null
     *                     otherwise
     * @param quota        the numbers of a pre-flight quota finding; null for anything else
     * @param alternatives the closest VM sizes the region offers, for a pre-flight finding about the VM size; null
     *                     for anything else
     */
    public record ErrorInfo(String code, String message, String path, CoreQuota quota, List<String> alternatives) {

        public ErrorInfo {
            alternatives = alternatives == null ? null : List.copyOf(alternatives);
        }

        public ErrorInfo(String code, String message, String path) {
            this(code, message, path, null, null);
        }

        public static ErrorInfo of(String code, String message) {
            return new ErrorInfo(code, message, null);
        }
    }
}
