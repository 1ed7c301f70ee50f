package io.amlcompute.provisioner.local.arm;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What one region holds for the emulator's subscriptions, for {@link ArmEmulatorBuilder#region}: which VM sizes Azure
 * ML offers there, the vCPU quotas per VM family and priority, the region's totals, workspace-level quotas, and
 * vCPUs in use by clusters the emulator does not hold (other teams, other apps). The usage of the clusters it does
 * hold is added as they scale. Anything not seeded takes the defaults: every allowed size is offered, and every
 * quota is {@value #DEFAULT_LIMIT} vCPUs (low-priority family rows have no limit of their own, -1, as in the spec's
 * example), so only tests that seed quotas meet them. Not thread-safe; used while the builder is.
 */
public final class RegionSeed {

    /** The quota of anything not seeded: large, so that unseeded regions never refuse. */
    public static final long DEFAULT_LIMIT = 1_000;
    /** The limit of the row counting clusters ("Clusters" in the spec's example, whose limit is 100). */
    public static final long DEFAULT_CLUSTER_LIMIT = 1_000;

    private final String name;
    private Set<String> offered;
    private final Map<String, Long> familyLimits = new LinkedHashMap<>();
    private final Map<VmTier, Long> totals = new LinkedHashMap<>();
    private final Map<String, Long> inUseElsewhere = new LinkedHashMap<>();
    private final Map<String, Long> workspaceLimits = new LinkedHashMap<>();
    private long clusterLimit = DEFAULT_CLUSTER_LIMIT;

    RegionSeed(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** Only these of the allowed sizes are offered here; none at all is a region Azure ML does not serve. */
    public RegionSeed offers(String... vmSizes) {
        offered = new LinkedHashSet<>(List.of(vmSizes));
        return this;
    }

    /** The family's quota for one priority ({@code Dedicated} or {@code LowPriority}), in vCPUs; -1 for none. */
    public RegionSeed familyQuota(String family, String priority, long vCpus) {
        familyLimits.put(familyTier(family, priority), vCpus);
        return this;
    }

    /** The region's total for one priority, in vCPUs ("Total Cluster Dedicated Regional vCPUs"). */
    public RegionSeed regionalQuota(String priority, long vCpus) {
        totals.put(VmTier.parse(priority), vCpus);
        return this;
    }

    /** vCPUs of the family and priority in use by clusters the emulator does not hold. */
    public RegionSeed inUseElsewhere(String family, String priority, long vCpus) {
        inUseElsewhere.merge(familyTier(family, priority), vCpus, Long::sum);
        return this;
    }

    /** A workspace-level quota for the family and priority (Quotas_List), in vCPUs. */
    public RegionSeed workspaceQuota(String subscriptionId, String resourceGroup, String workspaceName, String family,
                                     String priority, long vCpus) {
        WorkspaceKey workspace = new WorkspaceKey(subscriptionId, resourceGroup, workspaceName);
        workspaceLimits.put(workspace.subscriptionId() + "/" + workspace.resourceGroup() + "/"
                + workspace.workspaceName() + "|" + familyTier(family, priority), vCpus);
        return this;
    }

    /** The limit of the row that counts clusters. */
    public RegionSeed clusterLimit(long clusters) {
        clusterLimit = clusters;
        return this;
    }

    RegionQuotas build() {
        return new RegionQuotas(name, offered, familyLimits, totals, inUseElsewhere, workspaceLimits, clusterLimit);
    }

    static String familyTier(String family, String priority) {
        return FamilyNames.key(Objects.requireNonNull(family, "family")) + "|" + VmTier.parse(priority).name();
    }
}
