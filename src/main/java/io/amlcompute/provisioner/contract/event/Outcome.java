package io.amlcompute.provisioner.contract.event;

import io.amlcompute.provisioner.contract.WireNamed;

/** What the action did to the compute. Absent from an event when the action itself could not be carried out. */
public enum Outcome implements WireNamed {
    CREATED("created"),
    EXISTING("existing"),
    RECONCILED("reconciled"),
    ATTACHED("attached"),
    UPDATED("updated"),
    DELETED("deleted"),
    DETACHED("detached"),
    REJECTED("rejected"),
    /** A compute instance was started (or was being started by another request, which this one joined). */
    STARTED("started"),
    /** A compute instance was stopped (or was being stopped by another request, which this one joined). */
    STOPPED("stopped"),
    /** A compute instance was restarted (or was being restarted by another request, which this one joined). */
    RESTARTED("restarted"),
    /** The request was cancelled before it was done. */
    CANCELLED("cancelled");

    private final String wireName;

    Outcome(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
