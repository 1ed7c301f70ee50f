package io.amlcompute.provisioner.provisioning.preflight;

import java.util.Objects;

/**
 * One row of {@code locations/{location}/quotas} ({@code ResourceQuota}, 2025-12-01): the quota assigned to the
 * subscription per VM family ({@code .../vmFamily/quotas}) or to one workspace ({@code .../workspaces/quotas}, its
 * {@code id} under the workspace).
 */
public record QuotaRow(String id, String type, String name, long limit) {

    public QuotaRow {
        Objects.requireNonNull(name, "name");
        id = id == null ? "" : id;
        type = type == null ? "" : type;
    }
}
