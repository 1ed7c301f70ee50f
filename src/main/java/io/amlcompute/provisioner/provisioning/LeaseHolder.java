package io.amlcompute.provisioner.provisioning;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Another live lease on a compute: a running request whose progress shows a lease there that is requested or
 * active.
 *
 * @param expiresAt null while that request's compute is not ready yet
 */
public record LeaseHolder(String leaseId, Instant expiresAt) {

    public LeaseHolder {
        Objects.requireNonNull(leaseId, "leaseId");
    }

    /**
     * The lease a running request's progress shows, when it holds {@code computeId} (ARM ids compare without case)
     * and is not {@code exceptLeaseId}.
     */
    public static Optional<LeaseHolder> of(Progress progress, String computeId, String exceptLeaseId) {
        LeaseView lease = progress == null ? null : progress.lease();
        if (lease == null || !lease.state().holds() || lease.leaseId().equals(exceptLeaseId)
                || !lease.compute().equalsIgnoreCase(computeId)) {
            return Optional.empty();
        }
        return Optional.of(new LeaseHolder(lease.leaseId(), lease.expiresAt()));
    }
}
