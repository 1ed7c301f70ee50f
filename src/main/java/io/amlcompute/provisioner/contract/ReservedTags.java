package io.amlcompute.provisioner.contract;

import java.util.Locale;

/**
 * ARM tags this app writes on the computes it creates or attaches, which a request may therefore not set. ARM allows
 * {@value #ARM_MAX_TAGS} tags per resource, so a request keeps {@link #MAX_REQUEST_TAGS} of them.
 */
public final class ReservedTags {

    /** The request that created or attached the compute (provisioning's {@code CreatorMark}). */
    public static final String CREATOR_REQUEST_ID = "io.amlcompute.requestId";

    /** "Each resource, resource group, and subscription can have a maximum of 50 tag name-value pairs" (ARM). */
    public static final int ARM_MAX_TAGS = 50;

    /** Tags a request may set: ARM's limit less the ones the app writes. */
    public static final int MAX_REQUEST_TAGS = ARM_MAX_TAGS - 1;

    private ReservedTags() {
    }

    /** Whether {@code name} is reserved; ARM compares tag names without case. */
    public static boolean isReserved(String name) {
        return name != null && name.toLowerCase(Locale.ROOT).equals(CREATOR_REQUEST_ID.toLowerCase(Locale.ROOT));
    }
}
