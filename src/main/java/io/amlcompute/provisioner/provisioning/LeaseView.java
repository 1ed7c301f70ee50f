package io.amlcompute.provisioner.provisioning;

import io.amlcompute.provisioner.contract.LeaseExpiry;
import io.amlcompute.provisioner.contract.event.LeaseResult;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A request's lease as its progress shows it: for the status API and {@code computectl status}, and for the other
 * leases on the same compute, which find their fellow holders through it ({@link LeaseHolder}).
 *
 * @param leaseId   the holder: the requestId of the ensure
 * @param compute   the ARM resource id of the compute it holds
 * @param duration  how long it was asked for
 * @param expiresAt null while the compute is not ready yet ({@link State#REQUESTED})
 * @param heldBy    while it ends: the other leases it waits for before its expiry action may touch the compute
 * @param result    once it ended: what its end did
 */
public record LeaseView(String leaseId, String compute, Duration duration, LeaseExpiry onExpiry, State state,
                        Instant expiresAt, List<String> heldBy, LeaseResult result, String note) {

    public LeaseView {
        Objects.requireNonNull(leaseId, "leaseId");
        Objects.requireNonNull(compute, "compute");
        Objects.requireNonNull(onExpiry, "onExpiry");
        Objects.requireNonNull(state, "state");
        heldBy = heldBy == null ? List.of() : List.copyOf(heldBy);
    }

    public enum State {
        /** Asked for; it starts when the compute is ready. */
        REQUESTED,
        /** Holds the compute until {@code expiresAt}. */
        ACTIVE,
        /** Expired or released; its expiry action waits for other holders or is under way. */
        ENDING,
        /** Over; {@code result} says what it did. */
        ENDED;

        /** Whether a lease in this state keeps others' expiry actions off the compute. */
        public boolean holds() {
            return this == REQUESTED || this == ACTIVE;
        }
    }
}
