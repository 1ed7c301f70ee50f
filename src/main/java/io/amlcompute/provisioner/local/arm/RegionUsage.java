package io.amlcompute.provisioner.local.arm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The AmlCompute clusters and compute instances the emulator holds in one subscription and region, at an instant: what
 * its usages report ({@code currentValue} is the vCPUs of the nodes the computes have now, so it follows them as they
 * scale, start and stop) and what a resize is checked against. A compute's region is its {@code computeLocation}, else
 * its workspace's; quota is kept per subscription and region (Usages_List is scoped to both).
 *
 * <p>"A compute instance is considered a single-node cluster for quota purposes" (Azure ML docs,
 * MicrosoftDocs/azure-ai-docs@0c509fa99fcc187592b2b3a4e6e48bd8918e78d4,
 * articles/machine-learning/how-to-manage-quotas.md): an instance counts in the region's compute count like a
 * cluster, and holds one dedicated node of its size (ComputeInstanceProperties has no vmPriority) while its VM is
 * allocated ({@link #holdsItsNode}).
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
            boolean instance = definition.computeType() == ArmComputeType.COMPUTE_INSTANCE;
            if (workspace == null || !(instance || definition.computeType() == ArmComputeType.AML_COMPUTE)
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
            if (instance) {
                int node = observed.get().instance().filter(RegionUsage::holdsItsNode).isPresent() ? 1 : 0;
                clusters.add(new ClusterUse(compute, workspace, spec, VmTier.DEDICATED, node, node));
                continue;
            }
            int current = observed.get().nodePool().map(ObservedCompute.NodePool::currentNodeCount).orElse(0);
            clusters.add(new ClusterUse(compute, workspace, spec,
                    VmTier.ofPriority(definition.properties().path("vmPriority").asText(null)), current,
                    compute.reservedNodes(now)));
        }
        return new RegionUsage(clusters);
    }

    /**
     * Whether a compute instance holds its node's vCPUs: while its VM is allocated, that is Creating, Running,
     * Starting, Restarting, Stopping and Unusable (the VM is there, only unhealthy); not Stopped, CreateFailed or
     * Deleting. Azure's documentation does not say in so many words whether a stopped instance holds quota; this is
     * the model's assumption, for two reasons: a stopped instance's VM is deallocated ("Stopping a compute instance
     * deallocates it", Azure ML docs, MicrosoftDocs/azure-ai-docs@341a63c4526703472216f501b88f282c2ef47f5e,
     * articles/machine-learning/how-to-manage-compute-instance.md, "Manage"), and the docs' "single-node cluster" counts allocated
     * nodes, as a cluster scaled to zero nodes holds no vCPUs (CONTRACT-NOTES section 7: quota is consumed when nodes
     * are allocated). A deletion is taken to release the VM when it starts.
     */
    static boolean holdsItsNode(InstanceView view) {
        return switch (view.state()) {
            case CREATING, RUNNING, STARTING, RESTARTING, STOPPING, UNUSABLE -> true;
            case STOPPED, CREATE_FAILED, DELETING -> false;
        };
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
