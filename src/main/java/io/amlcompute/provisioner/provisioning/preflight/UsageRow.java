package io.amlcompute.provisioner.provisioning.preflight;

import java.util.Objects;

/**
 * One row of {@code locations/{location}/usages} ({@code Usage}, 2025-12-01), in vCPUs. The list mixes kinds, told
 * apart by {@code type}: the region's totals ({@code .../dedicatedCores/usages}, {@code .../lowPriorityCores/usages}),
 * one row per VM family and priority ({@code .../vmFamily/usages}), and per-workspace and per-compute rows whose
 * {@code id} lies under the workspace or compute (the spec's example spells their type both {@code workspaces/usages}
 * and {@code workspace/usages}).
 *
 * @param name  {@code name.value}, e.g. "Standard NC Family Cluster Dedicated vCPUs"
 * @param limit -1 for "no limit of its own" (low-priority family rows in the spec's example)
 */
public record UsageRow(String id, String type, String name, long currentValue, long limit) {

    public UsageRow {
        Objects.requireNonNull(name, "name");
        id = id == null ? "" : id;
        type = type == null ? "" : type;
    }
}
