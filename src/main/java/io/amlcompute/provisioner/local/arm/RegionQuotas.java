package io.amlcompute.provisioner.local.arm;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One region's seed, fixed once the emulator starts ({@link RegionSeed}): offered sizes, limits and outside use,
 * keyed by family (letters and digits, lower-case) and tier.
 *
 * @param offered null when every allowed size is offered
 */
record RegionQuotas(String name, Set<String> offered, Map<String, Long> familyLimits, Map<VmTier, Long> totals,
                    Map<String, Long> inUseElsewhere, Map<String, Long> workspaceLimits, long clusterLimit) {

    RegionQuotas {
        offered = offered == null ? null : caseInsensitive(offered);
        familyLimits = Map.copyOf(familyLimits);
        totals = Map.copyOf(totals);
        inUseElsewhere = Map.copyOf(inUseElsewhere);
        workspaceLimits = Map.copyOf(workspaceLimits);
    }

    static RegionQuotas defaults(String name) {
        return new RegionQuotas(name, null, Map.of(), Map.of(), Map.of(), Map.of(), RegionSeed.DEFAULT_CLUSTER_LIMIT);
    }

    /** The sizes offered here: the allowed ones, or those of them this region was seeded with. */
    List<VmSizeSpec> offeredSizes(VmSizeCatalog catalog) {
        Collection<VmSizeSpec> all = catalog.specs();
        return all.stream().filter(spec -> offered == null || offered.contains(spec.name())).toList();
    }

    boolean offers(VmSizeCatalog catalog, String vmSize) {
        return catalog.allows(vmSize) && (offered == null || offered.contains(vmSize));
    }

    /** The family's limit for the tier: seeded, else the default, else -1 for low-priority (no family limit). */
    long familyLimit(String family, VmTier tier) {
        return Optional.ofNullable(familyLimits.get(FamilyNames.key(family) + "|" + tier.name()))
                .orElse(tier == VmTier.DEDICATED ? RegionSeed.DEFAULT_LIMIT : -1L);
    }

    long total(VmTier tier) {
        return totals.getOrDefault(tier, RegionSeed.DEFAULT_LIMIT);
    }

    long elsewhere(String family, VmTier tier) {
        return inUseElsewhere.getOrDefault(FamilyNames.key(family) + "|" + tier.name(), 0L);
    }

    long elsewhere(VmTier tier) {
        return inUseElsewhere.entrySet().stream().filter(e -> e.getKey().endsWith("|" + tier.name()))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** The workspace's own quota for the family and tier, when one was seeded. */
    Optional<Long> workspaceLimit(WorkspaceKey workspace, String family, VmTier tier) {
        return Optional.ofNullable(workspaceLimits.get(workspace.subscriptionId() + "/" + workspace.resourceGroup()
                + "/" + workspace.workspaceName() + "|" + FamilyNames.key(family) + "|" + tier.name()));
    }

    private static Set<String> caseInsensitive(Set<String> names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(names);
        return java.util.Collections.unmodifiableSet(set);
    }
}
