package io.amlcompute.provisioner.contract.event;

import io.amlcompute.provisioner.contract.WireNamed;

/** What the end of a lease did with the compute. */
public enum LeaseResult implements WireNamed {
    DELETED("deleted"),
    SCALED_TO_ZERO("scaledToZero"),
    /** A compute instance was stopped (or was stopped already). */
    STOPPED("stopped"),
    /** Nothing: the compute was not created by this lease's request, or the action was not needed. */
    KEPT("kept"),
    /** The compute was already gone. */
    ALREADY_GONE("alreadyGone"),
    /** The action was tried and failed; {@code data.errors} says why. */
    FAILED("failed");

    private final String wireName;

    LeaseResult(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
