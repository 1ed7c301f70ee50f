package io.amlcompute.provisioner.contract;

import java.util.Objects;

/**
 * The numbers behind a pre-flight quota finding, in vCPUs (what Azure ML's quotas count). ARM publishes them per
 * subscription and region ({@code locations/{location}/usages} and {@code /quotas}); a finding names the one row
 * that does not leave enough.
 *
 * @param name      the usage row's name as ARM spells it, e.g. "Standard NC Family Cluster Dedicated vCPUs" or
 *                  "Total Cluster LowPriority Regional vCPUs"
 * @param scope     {@code family} (the VM family's quota), {@code region} (the region's total for the priority) or
 *                  {@code workspace} (a workspace-level quota for the family)
 * @param region    the region of the nodes
 * @param limit     the quota ({@code limit})
 * @param used      in use now ({@code currentValue}), this compute's own nodes included
 * @param available what is left: {@code limit - used}, never below 0
 * @param needed    the vCPUs the request needs beyond what the compute holds already
 * @param nodes     the node count the need is for ({@code waitForNodes} or {@code minNodes}, or {@code maxNodes})
 * @param vCPUsPerNode vCPUs of one node of the VM size
 */
public record CoreQuota(String name, String scope, String region, long limit, long used, long available,
                        long needed, int nodes, int vCPUsPerNode) {

    public CoreQuota {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scope, "scope");
    }
}
