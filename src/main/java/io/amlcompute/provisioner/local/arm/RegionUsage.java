package io.amlcompute.provisioner.local.arm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The AmlCompute clusters the emulator holds in one subscription and region, at an instant: what its usages report
 * ({@code currentValue} is the vCPUs of the nodes the clusters have now, so it follows them as they scale) and what a
 * resize is checked against. A cluster's region is its {@code computeLocation}, else its workspace's; quota is kept
 * per subscription and region (Usages_List is scoped to both).
 */
final class RegionUsage {

    private final List<ClusterUse> clusters;

    private RegionUsage(List<ClusterUse> clusters) {
        this.clusters = clusters;
    }

    static RegionUsage of(List<StoredCompute> computes, Map<WorkspaceKey, Workspace> workspaces, VmSizeCatalog sizes,
                          String subscriptionId, String region, Instant now) {
        List<ClusterUse> clusters = new ArrayList<>();
        for (StoredCompute compute : computes) {
            Workspace workspace = workspaces.get(compute.workspace());
            ComputeDefinition definition = compute.definition();
            if (workspace == null || definition.computeType() != ArmComputeType.AML_COMPUTE
                    || !workspace.subscriptionId().equalsIgnoreCase(subscriptionId)) {
                continue;
            }
            String computeRegion = definition.computeLocation() != null ? definition.computeLocation()
                    : workspace.location();
            if (!RegionCatalog.normalized(computeRegion).equals(RegionCatalog.normalized(region))) {
                continue;
            }
            VmSizeSpec spec = sizes.spec(definition.vmSize()).orElse(null);
            var observed = ComputeTimeline.observe(compute, now);
            if (spec == null || observed.isEmpty()) {
                continue; // gone (deletion finished)
            }
            int current = observed.get().nodePool().map(ObservedCompute.NodePool::currentNodeCount).orElse(0);
            clusters.add(new ClusterUse(compute, workspace, spec,
                    VmTier.ofPriority(definition.properties().path("vmPriority").asText(null)), current,
                    compute.reservedNodes(now)));
        }
        return new RegionUsage(clusters);
    }

    List<ClusterUse> clusters() {
        return clusters;
    }

    /** The same usage without one compute (the one whose resize is being decided). */
    RegionUsage without(WorkspaceKey workspace, String name) {
        return new RegionUsage(clusters.stream().filter(c -> !(c.compute().workspace().equals(workspace)
                && c.compute().name().equalsIgnoreCase(name))).toList());
    }

    long current(Predicate<ClusterUse> which) {
        return clusters.stream().filter(which).mapToLong(ClusterUse::currentVCpus).sum();
    }

    long reserved(Predicate<ClusterUse> which) {
        return clusters.stream().filter(which).mapToLong(ClusterUse::reservedVCpus).sum();
    }
}
