package io.amlcompute.provisioner.local.arm;

import java.util.Locale;

/**
 * How a VM family is named in the region lists, as the spec's examples spell it: the vmSizes list's {@code family}
 * ({@code standardDSv2Family}), the usage and quota rows' {@code name.value} ("Standard DSv2 Family Cluster Dedicated
 * vCPUs") and their id's last segment ({@code Standard_DSv2_Family_Cluster_Dedicated_vCPUs}).
 */
final class FamilyNames {

    private FamilyNames() {
    }

    /** "Standard DSv2 Family" for {@code standardDSv2Family}. */
    static String display(String family) {
        String middle = family.replaceFirst("(?i)^standard", "").replaceFirst("(?i)family$", "");
        return "Standard " + middle + " Family";
    }

    /** The row name for a family and tier: "Standard DSv2 Family Cluster Dedicated vCPUs". */
    static String rowName(String family, VmTier tier) {
        return display(family) + " Cluster " + tier.wireName() + " vCPUs";
    }

    /** The row id's last segment: "Standard_DSv2_Family_Cluster_Dedicated_vCPUs". */
    static String rowId(String family, VmTier tier) {
        return rowName(family, tier).replace(' ', '_');
    }

    /** Families compare on letters and digits, without case. */
    static String key(String family) {
        return family.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
