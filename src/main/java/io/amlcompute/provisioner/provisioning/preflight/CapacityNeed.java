package io.amlcompute.provisioner.provisioning.preflight;

import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.ComputeType;
import io.amlcompute.provisioner.contract.EnsureAmlCompute;
import io.amlcompute.provisioner.contract.EnsureComputeInstance;
import io.amlcompute.provisioner.contract.ScaleSettings;
import io.amlcompute.provisioner.contract.VmPriority;
import io.amlcompute.provisioner.contract.WireNamed;
import io.amlcompute.provisioner.contract.WorkspaceRef;
import io.amlcompute.provisioner.provisioning.ComputeResource;

import java.util.Objects;
import java.util.Optional;

/**
 * What a write is about to ask of a region: nodes of one VM size and priority, for a compute type. A compute instance
 * (its create, or the start of a stopped one) is one node of its size, dedicated, now and at most.
 *
 * @param region     the region of the nodes; null for the workspace's region
 * @param nodesNow   the nodes the request needs at once: the larger of {@code minNodes} (allocated right away) and
 *                   {@code options.waitForNodes} (what readiness waits for)
 * @param nodesAtMax the nodes the compute may grow to ({@code maxNodes})
 * @param nodesHeld  the nodes the compute holds already (an existing cluster being rescaled): counted in the usage,
 *                   so they are not needed again
 * @param paths      where in the request each number comes from, for the findings
 */
public record CapacityNeed(WorkspaceRef workspace, String region, String computeName, String computeType,
                           String vmSize, VmPriority priority, int nodesNow, int nodesAtMax, int nodesHeld,
                           Paths paths) {

    /** JSONPaths of the request fields behind the numbers. */
    public record Paths(String vmSize, String priority, String nodesNow, String nodesAtMax) {
    }

    /** Where a request that chooses the VM size (a create) names it. */
    static final String REQUEST_VM_SIZE = "$.compute.vmSize";

    public CapacityNeed {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(computeName, "computeName");
        Objects.requireNonNull(computeType, "computeType");
        Objects.requireNonNull(vmSize, "vmSize");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(paths, "paths");
        if (nodesNow < 0 || nodesAtMax < 0 || nodesHeld < 0) {
            throw new IllegalArgumentException("node counts must not be negative");
        }
    }

    /** A new AmlCompute cluster (ensure's create PUT). */
    public static CapacityNeed toCreate(ComputeRequest request, EnsureAmlCompute cluster) {
        return new CapacityNeed(request.workspace(), cluster.location(), cluster.computeName(),
                ComputeType.AML_COMPUTE.wireName(), cluster.vmSize(), cluster.vmPriority(),
                nodesNow(request, cluster.scale()), cluster.scale().maxNodes(), 0,
                new Paths(REQUEST_VM_SIZE, "$.compute.vmPriority", nodesNowPath(request, cluster.scale()),
                        "$.compute.maxNodes"));
    }

    /**
     * New scale settings for an existing AmlCompute cluster (update, or ensure's reconcile), of the size, priority and
     * region the cluster has. Empty when ARM did not say which size it is (nothing to check against), or when the new
     * settings need no node the cluster does not hold already (then no quota can be short).
     */
    public static Optional<CapacityNeed> toRescale(ComputeRequest request, ScaleSettings scale,
                                                   ComputeResource existing) {
        ComputeResource.ClusterSettings cluster = existing.cluster();
        if (cluster == null || cluster.vmSize() == null) {
            return Optional.empty();
        }
        int held = existing.status() == null || existing.status().nodes() == null ? 0
                : existing.status().nodes().current();
        int now = nodesNow(request, scale);
        if (Math.max(now, scale.maxNodes()) <= held) {
            return Optional.empty();
        }
        VmPriority priority = cluster.vmPriority() == null ? VmPriority.DEDICATED
                : WireNamed.lookup(VmPriority.class, cluster.vmPriority()).orElse(VmPriority.DEDICATED);
        return Optional.of(new CapacityNeed(request.workspace(), existing.computeLocation(), request.computeName(),
                ComputeType.AML_COMPUTE.wireName(), cluster.vmSize(), priority, now, scale.maxNodes(), held,
                // The size is the cluster's, not the request's: the finding points at the compute it names.
                new Paths("$.compute.name", "$.compute.name", nodesNowPath(request, scale), "$.compute.maxNodes")));
    }

    /**
     * A new compute instance (ensure's create PUT). "A compute instance is considered a single-node cluster for quota
     * purposes" (Azure ML docs, MicrosoftDocs/azure-ai-docs@0c509fa99fcc187592b2b3a4e6e48bd8918e78d4,
     * articles/machine-learning/how-to-manage-quotas.md): one node of its size, and always dedicated, as
     * ComputeInstanceProperties has no vmPriority (2025-12-01). Every number comes from the size the request names.
     */
    public static CapacityNeed toCreateInstance(ComputeRequest request, EnsureComputeInstance instance) {
        // An instance lives in its workspace's region (no location of its own): null, read from the workspace.
        return oneInstanceNode(request, null, instance.vmSize(), REQUEST_VM_SIZE);
    }

    /**
     * The start of a stopped compute instance: one node of the size it has, as ARM returns it (a start request names
     * none, so the findings point at the compute it names, as {@link #toRescale} does). Empty when ARM did not say
     * which size it is.
     */
    public static Optional<CapacityNeed> toStartInstance(ComputeRequest request, ComputeResource existing) {
        if (existing.instance() == null || existing.instance().vmSize() == null) {
            return Optional.empty();
        }
        return Optional.of(oneInstanceNode(request, existing.computeLocation(), existing.instance().vmSize(),
                "$.compute.name"));
    }

    private static CapacityNeed oneInstanceNode(ComputeRequest request, String region, String vmSize, String path) {
        return new CapacityNeed(request.workspace(), region, request.computeName(),
                ComputeType.COMPUTE_INSTANCE.wireName(), vmSize, VmPriority.DEDICATED, 1, 1, 0,
                new Paths(path, path, path, path));
    }

    /** Whether the nodes are a compute instance's (one, dedicated) rather than a cluster's. */
    boolean isInstance() {
        return ComputeType.COMPUTE_INSTANCE.wireName().equals(computeType);
    }

    /** Whether the request chose the VM size (a create), so choosing another one is a remedy. */
    boolean sizeChosenByRequest() {
        return REQUEST_VM_SIZE.equals(paths.vmSize());
    }

    private static int nodesNow(ComputeRequest request, ScaleSettings scale) {
        return Math.max(scale.minNodes(), request.options().waitForNodes());
    }

    private static String nodesNowPath(ComputeRequest request, ScaleSettings scale) {
        return request.options().waitForNodes() > scale.minNodes() ? "$.options.waitForNodes" : "$.compute.minNodes";
    }
}
