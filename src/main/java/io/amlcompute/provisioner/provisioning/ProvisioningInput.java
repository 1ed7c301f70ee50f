package io.amlcompute.provisioner.provisioning;

import java.time.Duration;
import java.util.Objects;

/**
 * The orchestration's input: the validated request in its canonical JSON (secrets as references only), where to
 * send a reply, and for a request with a lease its terms and, once it holds the compute, where the lease stands.
 * Strings only, so both of Durable's JSON libraries carry it unchanged.
 *
 * @param request          canonical request JSON, see {@code RequestWriter}
 * @param replyQueue       null when the requester wants no reply
 * @param replySessionId   null when {@code replyQueue} is null
 * @param maxLease         ISO-8601: the policy's cap on how far a renewal may move the expiry, as it was when the
 *                         request was accepted; null without a lease
 * @param leaseWarning     ISO-8601: how long before the expiry {@code lease.expiring} is published; null without a
 *                         lease
 * @param lease            {@link LeaseState} as JSON once the lease started; null before, and without a lease
 */
public record ProvisioningInput(String request, String replyQueue, String replySessionId, String maxLease,
                                String leaseWarning, String lease) {

    public ProvisioningInput {
        Objects.requireNonNull(request, "request");
        if ((replyQueue == null) != (replySessionId == null)) {
            throw new IllegalArgumentException("replyQueue and replySessionId go together");
        }
        if ((maxLease == null) != (leaseWarning == null)) {
            throw new IllegalArgumentException("maxLease and leaseWarning go together");
        }
        if (lease != null && maxLease == null) {
            throw new IllegalArgumentException("a lease state needs the lease's terms");
        }
    }

    /** Without a lease. */
    public ProvisioningInput(String request, String replyQueue, String replySessionId) {
        this(request, replyQueue, replySessionId, null, null, null);
    }

    public static ProvisioningInput of(String request, ReplyAddress replyTo, LeaseTerms terms) {
        return new ProvisioningInput(request, replyTo == null ? null : replyTo.queue(),
                replyTo == null ? null : replyTo.sessionId(), terms == null ? null : terms.maxLease().toString(),
                terms == null ? null : terms.warning().toString(), null);
    }

    public ReplyAddress replyAddress() {
        return replyQueue == null ? null : new ReplyAddress(replyQueue, replySessionId);
    }

    /** Null without a lease. */
    public LeaseTerms leaseTerms() {
        return maxLease == null ? null : new LeaseTerms(Duration.parse(maxLease), Duration.parse(leaseWarning));
    }

    /** Null until the lease started. */
    public LeaseState leaseState() {
        return lease == null ? null : LeaseState.fromJson(lease);
    }

    /** The same request, with its lease at {@code state}: the next execution's input. */
    public ProvisioningInput withLease(LeaseState state) {
        return new ProvisioningInput(request, replyQueue, replySessionId, maxLease, leaseWarning, state.toJson());
    }

    /**
     * The settings a lease runs by, fixed when the request is accepted so every replay and execution decides alike.
     *
     * @param maxLease how far from now a renewal may move the expiry (POLICY_MAX_LEASE)
     * @param warning  how long before the expiry {@code lease.expiring} is published (LEASE_WARNING)
     */
    public record LeaseTerms(Duration maxLease, Duration warning) {
        public LeaseTerms {
            Objects.requireNonNull(maxLease, "maxLease");
            Objects.requireNonNull(warning, "warning");
        }
    }
}
