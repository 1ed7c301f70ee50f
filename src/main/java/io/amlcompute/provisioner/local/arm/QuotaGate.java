package io.amlcompute.provisioner.local.arm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, when a resize up is decided (a create with {@code minNodeCount} above 0, a PATCH raising it), whether the
 * quota left holds the nodes it adds; if not, the resize still runs, then the pool is Steady at its old count, below
 * its target, with a node error naming the quota, as Azure ML does: quota is consumed when nodes are allocated, not
 * when a cluster is created, and a shortage shows as a resize that stays below target with node errors (CONTRACT-NOTES
 * section 7). The quotas are those {@code Usages_List} and {@code Quotas_List} publish: the VM family's for the
 * priority (none for a low-priority family at -1), the region's total for the priority, and a seeded workspace quota;
 * in use are the other clusters' nodes (counted at the target of a resize under way) and the region's seeded outside
 * use. All or nothing: a resize that does not fit gets no node (the way {@code resizeBlockedFor} has it).
 */
final class QuotaGate {

    /** Azure ML's quota documentation, which its quota messages point to. */
    static final String QUOTA_DOC = "https://docs.microsoft.com/azure/machine-learning/how-to-manage-quotas"
            + "#request-quota-increases";

    private final ComputeLedger ledger;
    private final Map<WorkspaceKey, Workspace> workspaces;
    private final EmulatorSettings settings;

    QuotaGate(ComputeLedger ledger, Map<WorkspaceKey, Workspace> workspaces, EmulatorSettings settings) {
        this.ledger = ledger;
        this.workspaces = Map.copyOf(workspaces);
        this.settings = settings;
    }

    /** {@code resize} as decided at {@code now}: blocked when a quota cannot hold it. Call under the ledger's lock. */
    NodeAllocation admit(Workspace workspace, String name, ComputeDefinition definition, NodeAllocation resize,
                         Instant now) {
        if (resize.toNodes() <= resize.fromNodes() || definition.computeType() != ArmComputeType.AML_COMPUTE) {
            return resize;
        }
        Optional<VmSizeSpec> spec = settings.vmSizes().spec(definition.vmSize());
        if (spec.isEmpty()) {
            return resize;
        }
        String region = definition.computeLocation() != null ? definition.computeLocation() : workspace.location();
        VmTier tier = VmTier.ofPriority(definition.properties().path("vmPriority").asText(null));
        RegionUsage others = RegionUsage.of(ledger.all(), workspaces, settings.vmSizes(), workspace.subscriptionId(),
                region, now).without(workspace.key(), name);
        long wanted = (long) resize.toNodes() * spec.get().vCPUs();
        for (Line line : lines(workspace, region, spec.get(), tier, others)) {
            if (line.limit >= 0 && line.used + wanted > line.limit) {
                return resize.blockedBy(error(line, resize, spec.get()));
            }
        }
        return resize;
    }

    private List<Line> lines(Workspace workspace, String region, VmSizeSpec spec, VmTier tier, RegionUsage others) {
        RegionQuotas quotas = settings.regions().region(region);
        String family = spec.family();
        List<Line> lines = new ArrayList<>();
        lines.add(new Line(Scope.FAMILY, quotas.familyLimit(family, tier),
                others.reserved(c -> c.of(family, tier)) + quotas.elsewhere(family, tier), family));
        lines.add(new Line(Scope.REGION, quotas.total(tier),
                others.reserved(c -> c.tier() == tier) + quotas.elsewhere(tier), family));
        quotas.workspaceLimit(workspace.key(), family, tier).ifPresent(limit -> lines.add(new Line(Scope.WORKSPACE,
                limit, others.reserved(c -> c.of(family, tier) && c.workspace().key().equals(workspace.key())),
                family)));
        return lines;
    }

    /**
     * The node error, in the wording Azure ML uses for a quota short of a node allocation: "The specified subscription
     * has a Standard NC family vCPU quota of 0 and cannot accomodate for at least 1 requested managed compute nodes
     * which maps to 12 vCPUs. Talk to your Subscription Admin or refer to ... to increase the family quota"
     * (dotnet/machinelearning-modelbuilder#2140) and "... has a total vCPU quota of 4 and cannot accomodate ..."
     * (microsoft/InnerEye-DeepLearning#253); the workspace wording is the emulator's, after them. The code is the
     * one the emulator uses for every quota refusal.
     */
    private static ArmError error(Line line, NodeAllocation resize, VmSizeSpec spec) {
        int added = resize.toNodes() - resize.fromNodes();
        String quota = switch (line.scope) {
            case FAMILY -> "The specified subscription has a " + FamilyNames.display(line.family).replace(" Family",
                    " family") + " vCPU quota of " + line.limit;
            case REGION -> "The specified subscription has a total vCPU quota of " + line.limit;
            case WORKSPACE -> "The workspace has a " + FamilyNames.display(line.family).replace(" Family", " family")
                    + " vCPU quota of " + line.limit;
        };
        return ArmError.of("QuotaExceeded", quota + " (" + line.used + " in use) and cannot accomodate for the "
                + added + " requested managed compute nodes which maps to " + (long) added * spec.vCPUs()
                + " vCPUs. Talk to your Subscription Admin or refer to " + QUOTA_DOC + " to increase the "
                + (line.scope == Scope.REGION ? "total" : line.scope == Scope.FAMILY ? "family" : "workspace")
                + " quota");
    }

    private enum Scope { FAMILY, REGION, WORKSPACE }

    private record Line(Scope scope, long limit, long used, String family) {
    }
}
