package io.amlcompute.provisioner.local.arm;

import java.util.Arrays;
import java.util.Locale;

/**
 * The two kinds of AmlCompute nodes quotas are kept for ({@code vmPriority}): each has its family rows and its
 * regional total in {@code Usages_List} ("... Cluster Dedicated vCPUs", "... Cluster LowPriority vCPUs").
 */
enum VmTier {
    DEDICATED("Dedicated", "dedicatedCores"), LOW_PRIORITY("LowPriority", "lowPriorityCores");

    private final String wireName;
    private final String totalType;

    VmTier(String wireName, String totalType) {
        this.wireName = wireName;
        this.totalType = totalType;
    }

    String wireName() {
        return wireName;
    }

    /** The segment of the regional total's usage type: {@code Microsoft.MachineLearningServices/<this>/usages}. */
    String totalType() {
        return totalType;
    }

    /** A cluster's tier from its {@code vmPriority}; Dedicated when absent (the contract's default). */
    static VmTier ofPriority(String vmPriority) {
        return vmPriority == null ? DEDICATED : Arrays.stream(values())
                .filter(t -> t.wireName.equalsIgnoreCase(vmPriority)).findFirst().orElse(DEDICATED);
    }

    static VmTier parse(String priority) {
        return Arrays.stream(values()).filter(t -> t.wireName.equalsIgnoreCase(priority)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("priority must be Dedicated or LowPriority, got '"
                        + priority + "'"));
    }

    String lower() {
        return wireName.toLowerCase(Locale.ROOT);
    }
}
