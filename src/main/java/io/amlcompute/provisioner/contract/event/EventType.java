package io.amlcompute.provisioner.contract.event;

import io.amlcompute.provisioner.contract.WireNamed;

/**
 * The CloudEvents {@code type} of every event. Each request gets exactly one terminal event ({@link #isTerminal()});
 * a request with a lease gets lease events after it, and each renew or release its answer. Subscriptions filter on
 * the type through the Service Bus {@code Subject}.
 */
public enum EventType implements WireNamed {
    /** The compute is usable: Succeeded, and for AmlCompute Steady with at least waitForNodes nodes. */
    READY("io.amlcompute.compute.ready"),
    /** The action or the provisioning failed; {@code data.errors} says why. */
    FAILED("io.amlcompute.compute.failed"),
    /** The deadline passed before the compute was ready; {@code data.status} is the last status seen. */
    TIMED_OUT("io.amlcompute.compute.timedout"),
    /** A managed compute was deleted (or was already gone). */
    DELETED("io.amlcompute.compute.deleted"),
    /** An attached compute was detached (or was already gone). */
    DETACHED("io.amlcompute.compute.detached"),
    /** The request was invalid or against policy; nothing was done in Azure. */
    REJECTED("io.amlcompute.request.rejected"),
    /** The request was cancelled before it was done; {@code data.status} is the last status seen. */
    CANCELLED("io.amlcompute.compute.cancelled"),
    /** A lease ends soon ({@code data.lease.expiresAt}); renew it to keep the compute. Not terminal. */
    LEASE_EXPIRING("io.amlcompute.lease.expiring"),
    /** A lease ended, and {@code data.lease.result} says what was done with the compute. Once per lease. */
    LEASE_EXPIRED("io.amlcompute.lease.expired"),
    /** The answer to a renew: the lease's new {@code data.lease.expiresAt}. */
    LEASE_RENEWED("io.amlcompute.lease.renewed"),
    /** The answer to a release: the lease ends now; its {@code lease.expired} follows. */
    LEASE_RELEASED("io.amlcompute.lease.released");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** One of the events that end a request: exactly one per request. */
    public boolean isTerminal() {
        return switch (this) {
            case READY, FAILED, TIMED_OUT, DELETED, DETACHED, REJECTED, CANCELLED -> true;
            case LEASE_EXPIRING, LEASE_EXPIRED, LEASE_RENEWED, LEASE_RELEASED -> false;
        };
    }
}
