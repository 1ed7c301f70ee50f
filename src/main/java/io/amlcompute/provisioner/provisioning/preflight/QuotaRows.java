package io.amlcompute.provisioner.provisioning.preflight;

import io.amlcompute.provisioner.contract.VmPriority;
import io.amlcompute.provisioner.contract.WorkspaceRef;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which rows of a region's usages and quotas a node of one VM family and priority counts against. From the contract
 * (CONTRACT-NOTES section 7, the spec's {@code examples/Usage/list.json} and {@code examples/Quota/list.json}):
 * <ul>
 *   <li>the family row: type {@code .../vmFamily/usages}, named "{Family} Cluster Dedicated vCPUs" or "... Cluster
 *       LowPriority vCPUs"; the VM size's {@code family} maps to it by name ({@code standardNCASv3_T4Family} is
 *       "Standard NCASv3_T4 Family"). A limit of -1 means no family limit (low-priority rows): the region's total
 *       applies alone;</li>
 *   <li>the region's total for the priority: type {@code .../dedicatedCores/usages} or
 *       {@code .../lowPriorityCores/usages};</li>
 *   <li>a workspace-level quota ({@code .../workspaces/quotas}, id under the workspace), against the workspace's
 *       usage row for the family (id under the workspace). "By default, all workspaces share the same quota as the
 *       subscription-level quota for VM families" (learn.microsoft.com/azure/machine-learning/how-to-manage-quotas,
 *       Workspace-level quotas), so only a positive workspace quota is taken as a cap: the spec's example lists 0
 *       for workspaces that never set one, and a 0 read as a cap would refuse every request there.</li>
 * </ul>
 * The row counting clusters ({@code .../totalCores/usages}, named "Clusters") is not a vCPU quota and is not used.
 */
final class QuotaRows {

    private static final String DEDICATED_SUFFIX = " cluster dedicated vcpus";
    private static final String LOW_PRIORITY_SUFFIX = " cluster lowpriority vcpus";

    private QuotaRows() {
    }

    static List<QuotaLine> applicable(RegionOffer offer, String family, VmPriority priority, WorkspaceRef workspace) {
        List<QuotaLine> lines = new ArrayList<>();
        String familyKey = key(family);
        String suffix = priority == VmPriority.LOW_PRIORITY ? LOW_PRIORITY_SUFFIX : DEDICATED_SUFFIX;
        offer.usages().stream()
                .filter(row -> typeEndsWith(row.type(), "/vmfamily/usages"))
                .filter(row -> familyOf(row.name(), suffix).filter(familyKey::equals).isPresent())
                .filter(row -> row.limit() >= 0)
                .findFirst()
                .ifPresent(row -> lines.add(new QuotaLine(row.name(), "family", row.limit(), row.currentValue())));
        String total = priority == VmPriority.LOW_PRIORITY ? "/lowprioritycores/usages" : "/dedicatedcores/usages";
        offer.usages().stream()
                .filter(row -> typeEndsWith(row.type(), total) && row.limit() >= 0)
                .findFirst()
                .ifPresent(row -> lines.add(new QuotaLine(row.name(), "region", row.limit(), row.currentValue())));
        String workspaceId = workspace.armId().toLowerCase(Locale.ROOT);
        offer.quotas().stream()
                .filter(row -> row.id().toLowerCase(Locale.ROOT).startsWith(workspaceId + "/quotas/"))
                .filter(row -> familyOf(row.name(), suffix).filter(familyKey::equals).isPresent())
                .filter(row -> row.limit() > 0)
                .findFirst()
                .ifPresent(quota -> {
                    long used = offer.usages().stream()
                            .filter(row -> row.id().toLowerCase(Locale.ROOT).startsWith(workspaceId + "/usages/"))
                            .filter(row -> familyOf(row.name(), suffix).filter(familyKey::equals).isPresent())
                            .mapToLong(UsageRow::currentValue).findFirst().orElse(0);
                    lines.add(new QuotaLine(quota.name(), "workspace", quota.limit(), used));
                });
        return lines;
    }

    /** The family key of a row named "{Family} Cluster {Priority} vCPUs" for the priority's suffix, if it is one. */
    private static Optional<String> familyOf(String rowName, String suffix) {
        String lower = rowName.toLowerCase(Locale.ROOT).strip();
        return lower.endsWith(suffix) ? Optional.of(key(lower.substring(0, lower.length() - suffix.length())))
                : Optional.empty();
    }

    /** Letters and digits only, lower-case: "Standard NCASv3_T4 Family" and "standardNCASv3_T4Family" agree. */
    static String key(String family) {
        return family == null ? "" : family.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static boolean typeEndsWith(String type, String suffix) {
        return type.toLowerCase(Locale.ROOT).endsWith(suffix);
    }
}
