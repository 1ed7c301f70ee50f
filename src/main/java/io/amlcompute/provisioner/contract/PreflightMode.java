package io.amlcompute.provisioner.contract;

/**
 * What the pre-flight does before a write that allocates nodes (ensure's create or reconcile, update): read what ARM
 * publishes for the region (VM sizes, core usages and quotas) and check the request against it.
 */
public enum PreflightMode implements WireNamed {
    /** Refuse before the write when the VM size is not offered or the cores needed now are not left (the default). */
    ENFORCE("enforce"),
    /** Check and report every finding as a warning on the completion event, never refuse. */
    WARN("warn"),
    /** No region reads, no findings. */
    OFF("off");

    private final String wireName;

    PreflightMode(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
