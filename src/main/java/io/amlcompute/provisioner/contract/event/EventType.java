package io.amlcompute.provisioner.contract.event;

import io.amlcompute.provisioner.contract.WireNamed;

/**
 * The CloudEvents {@code type} of every terminal event. Each request gets exactly one of these. Subscriptions
 * filter on it through the Service Bus {@code Subject}.
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
    REJECTED("io.amlcompute.request.rejected");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
