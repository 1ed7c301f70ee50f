package io.amlcompute.provisioner.local.arm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlcompute.provisioner.contract.Json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The region lists in the contract's shapes (2025-12-01), laid out as the spec's examples lay them out
 * ({@code examples/VirtualMachineSize/list.json}, {@code examples/Usage/list.json}, {@code examples/Quota/list.json},
 * Azure/azure-rest-api-specs, {@code specification/machinelearningservices/resource-manager/
 * Microsoft.MachineLearningServices/stable/2025-12-01}):
 * <ul>
 *   <li>VirtualMachineSize: {@code name}, {@code family}, {@code vCPUs}, {@code gpus}, {@code osVhdSizeMB} (1047552
 *       for every size in the example), {@code memoryGB}, {@code lowPriorityCapable}, {@code supportedComputeTypes};
 *       the optional {@code maxResourceVolumeMB}, {@code premiumIO} and {@code estimatedVMPrices} are left out;</li>
 *   <li>Usage rows, in the example's order: the cluster count ({@code totalCores/usages}, named "Clusters"), the
 *       region's dedicated total ({@code dedicatedCores/usages}), per family its dedicated row
 *       ({@code vmFamily/usages}, id {@code /subscriptions/{s}/usages/Standard_X_Family_Cluster_Dedicated_vCPUs}),
 *       each workspace's and compute's rows for it ({@code workspaces/usages}, {@code workspaces/computes/usages}, ids
 *       under them), then the low-priority total and family rows alike (family limit -1 unless seeded); all
 *       {@code unit: Count};</li>
 *   <li>ResourceQuota rows: per family the subscription's dedicated quota ({@code vmFamily/quotas}), then every seeded
 *       workspace quota ({@code workspaces/quotas}, id under the workspace).</li>
 * </ul>
 * The families listed are those of the sizes offered in the region.
 */
final class RegionJson {

    private static final String PROVIDER = "Microsoft.MachineLearningServices";

    private RegionJson() {
    }

    static ArrayNode vmSizes(List<VmSizeSpec> offered) {
        ArrayNode value = Json.MAPPER.createArrayNode();
        for (VmSizeSpec size : offered) {
            ObjectNode item = value.addObject();
            item.put("name", size.name());
            item.put("family", size.family());
            item.put("vCPUs", size.vCPUs());
            item.put("gpus", size.gpus());
            item.put("osVhdSizeMB", 1047552);
            item.put("memoryGB", size.memoryGB());
            item.put("lowPriorityCapable", size.lowPriorityCapable());
            ArrayNode types = item.putArray("supportedComputeTypes");
            size.supportedComputeTypes().forEach(types::add);
        }
        return value;
    }

    static ArrayNode usages(String subscriptionId, RegionQuotas quotas, List<VmSizeSpec> offered, RegionUsage usage) {
        ArrayNode rows = Json.MAPPER.createArrayNode();
        String subscription = "/subscriptions/" + subscriptionId;
        rows.add(row(subscription + "/usages", "totalCores/usages", usage.clusters().size(), quotas.clusterLimit(),
                "Clusters"));
        Map<String, String> families = families(offered);
        for (VmTier tier : VmTier.values()) {
            rows.add(row(subscription + "/usages", tier.totalType() + "/usages",
                    usage.current(c -> c.tier() == tier) + quotas.elsewhere(tier), quotas.total(tier),
                    "Total Cluster " + tier.wireName() + " Regional vCPUs"));
            for (String family : families.values()) {
                String name = FamilyNames.rowName(family, tier);
                String id = "/usages/" + FamilyNames.rowId(family, tier);
                rows.add(row(subscription + id, "vmFamily/usages",
                        usage.current(c -> c.of(family, tier)) + quotas.elsewhere(family, tier),
                        quotas.familyLimit(family, tier), name));
                Map<WorkspaceKey, Workspace> workspaces = new LinkedHashMap<>();
                usage.clusters().stream().filter(c -> c.of(family, tier))
                        .forEach(c -> workspaces.putIfAbsent(c.workspace().key(), c.workspace()));
                for (Workspace workspace : workspaces.values()) {
                    long limit = quotas.workspaceLimit(workspace.key(), family, tier)
                            .orElse(quotas.familyLimit(family, tier));
                    rows.add(row(workspace.resourceId() + id, "workspaces/usages",
                            usage.current(c -> c.of(family, tier) && c.workspace().key().equals(workspace.key())),
                            limit, name));
                    for (ClusterUse cluster : usage.clusters()) {
                        if (cluster.of(family, tier) && cluster.workspace().key().equals(workspace.key())) {
                            rows.add(row(cluster.resourceId() + id, "workspaces/computes/usages",
                                    cluster.currentVCpus(), limit, name));
                        }
                    }
                }
            }
        }
        return rows;
    }

    static ArrayNode quotas(String subscriptionId, RegionQuotas quotas, List<VmSizeSpec> offered,
                            Map<WorkspaceKey, Workspace> workspaces) {
        ArrayNode rows = Json.MAPPER.createArrayNode();
        for (String family : families(offered).values()) {
            for (VmTier tier : VmTier.values()) {
                if (tier == VmTier.DEDICATED) {
                    rows.add(quota("/subscriptions/" + subscriptionId + "/quotas/"
                                    + FamilyNames.rowId(family, tier), "vmFamily/quotas",
                            quotas.familyLimit(family, tier), FamilyNames.rowName(family, tier)));
                }
                for (Workspace workspace : workspaces.values()) {
                    if (workspace.subscriptionId().equalsIgnoreCase(subscriptionId)) {
                        quotas.workspaceLimit(workspace.key(), family, tier).ifPresent(limit -> rows.add(quota(
                                workspace.resourceId() + "/quotas/" + FamilyNames.rowId(family, tier),
                                "workspaces/quotas", limit, FamilyNames.rowName(family, tier))));
                    }
                }
            }
        }
        return rows;
    }

    /** The offered sizes' families, once each, keyed without case. */
    private static Map<String, String> families(List<VmSizeSpec> offered) {
        Map<String, String> families = new LinkedHashMap<>();
        offered.forEach(size -> families.putIfAbsent(FamilyNames.key(size.family()), size.family()));
        return families;
    }

    private static ObjectNode row(String id, String type, long currentValue, long limit, String name) {
        ObjectNode row = Json.MAPPER.createObjectNode();
        row.put("id", id);
        row.put("type", PROVIDER + "/" + type);
        row.put("currentValue", currentValue);
        row.put("limit", limit);
        row.putObject("name").put("localizedValue", name).put("value", name);
        row.put("unit", "Count");
        return row;
    }

    private static ObjectNode quota(String id, String type, long limit, String name) {
        ObjectNode row = Json.MAPPER.createObjectNode();
        row.put("id", id);
        row.put("type", PROVIDER + "/" + type);
        row.put("limit", limit);
        row.putObject("name").put("localizedValue", name).put("value", name);
        row.put("unit", "Count");
        return row;
    }
}
