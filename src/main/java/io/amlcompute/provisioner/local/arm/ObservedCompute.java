package io.amlcompute.provisioner.local.arm;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A compute as a GET at one instant sees it.
 *
 * @param nodePool AmlCompute node pool state; empty for other types and while the compute is still Creating
 * @param instance a compute instance's state; empty for other types
 */
record ObservedCompute(StoredCompute stored, ProvisioningState provisioningState, List<ArmError> provisioningErrors,
                       Optional<NodePool> nodePool, Optional<InstanceView> instance) {

    ObservedCompute {
        provisioningErrors = List.copyOf(provisioningErrors);
    }

    /** {@code Compute.provisioningState} values the emulator produces (the enum also has Unknown and Canceled). */
    enum ProvisioningState {
        CREATING("Creating"), UPDATING("Updating"), DELETING("Deleting"), SUCCEEDED("Succeeded"), FAILED("Failed");

        private final String wireName;

        ProvisioningState(String wireName) {
            this.wireName = wireName;
        }

        String wireName() {
            return wireName;
        }
    }

    /** {@code AllocationState}: Steady or Resizing. */
    enum AllocationState {
        STEADY("Steady"), RESIZING("Resizing");

        private final String wireName;

        AllocationState(String wireName) {
            this.wireName = wireName;
        }

        String wireName() {
            return wireName;
        }
    }

    /** {@code NodeStateCounts}; running nodes never occur here (no jobs run). */
    record NodeStateCounts(int idle, int preparing, int unusable, int leaving, int preempted) {
    }

    /**
     * AmlCompute's read-only pool fields: {@code allocationState}, {@code allocationStateTransitionTime},
     * {@code currentNodeCount}, {@code targetNodeCount}, {@code nodeStateCounts} and node-setup {@code errors}.
     */
    record NodePool(AllocationState allocationState, Instant transitionTime, int currentNodeCount,
                    int targetNodeCount, NodeStateCounts nodeStateCounts, List<ArmError> errors) {
        NodePool {
            errors = List.copyOf(errors);
        }
    }

    /** An operation of the compute runs: any other write or action is answered 409. */
    boolean busyAt(Instant now) {
        return stored.lastOperation().runningAt(now);
    }
}
