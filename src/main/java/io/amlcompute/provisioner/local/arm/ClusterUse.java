package io.amlcompute.provisioner.local.arm;

/**
 * One AmlCompute cluster of a region as its quotas see it, or one compute instance, which quotas see as a single-node
 * dedicated cluster ({@link RegionUsage}).
 *
 * @param currentNodes  the nodes it has now ({@code currentNodeCount}): what {@code Usages_List} reports
 * @param reservedNodes the nodes it has or is being given (a resize under way or due counts at its target, a blocked
 *                      one at what it kept): what a further resize is checked against
 */
record ClusterUse(StoredCompute compute, Workspace workspace, VmSizeSpec spec, VmTier tier, int currentNodes,
                  int reservedNodes) {

    long currentVCpus() {
        return (long) currentNodes * spec.vCPUs();
    }

    long reservedVCpus() {
        return (long) reservedNodes * spec.vCPUs();
    }

    boolean of(String family, VmTier tier) {
        return this.tier == tier && FamilyNames.key(spec.family()).equals(FamilyNames.key(family));
    }

    /** The compute's ARM id, under which its usage rows are listed. */
    String resourceId() {
        return workspace.resourceId() + "/computes/" + compute.name();
    }
}
