package io.amlcompute.provisioner.contract.event;

import io.amlcompute.provisioner.contract.LeaseExpiry;

import java.time.Instant;
import java.util.Objects;

/**
 * A lease as events show it.
 *
 * @param leaseId   the requestId of the ensure that holds it
 * @param expiresAt when it ends (for {@code lease.expired}: when it ended)
 * @param result    what its end did with the compute; null until it ended
 * @param note      why the compute was kept, when it was (not created by this lease, held by other leases), else null
 */
public record LeaseInfo(String leaseId, Instant expiresAt, LeaseExpiry onExpiry, LeaseResult result, String note) {

    public LeaseInfo {
        Objects.requireNonNull(leaseId, "leaseId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(onExpiry, "onExpiry");
    }

    public static LeaseInfo active(String leaseId, Instant expiresAt, LeaseExpiry onExpiry) {
        return new LeaseInfo(leaseId, expiresAt, onExpiry, null, null);
    }
}
