package io.amlcompute.provisioner.provisioning;

import io.amlcompute.provisioner.contract.WorkspaceRef;

import java.util.Objects;

/**
 * One compute of one workspace: {@code .../workspaces/{workspace}/computes/{name}}, the only kind of ARM
 * resource this app writes. Built from a validated request only.
 */
public record ComputeAddress(WorkspaceRef workspace, String computeName) {

    public ComputeAddress {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(computeName, "computeName");
    }

    /** The ARM resource id. */
    public String resourceId() {
        return workspace.computeId(computeName);
    }

    /** A key that is equal for the same compute however its names are cased (ARM names are case-insensitive). */
    public String key() {
        return resourceId().toLowerCase(java.util.Locale.ROOT);
    }
}
