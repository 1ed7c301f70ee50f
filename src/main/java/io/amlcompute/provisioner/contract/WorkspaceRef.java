package io.amlcompute.provisioner.contract;

import java.util.Objects;

/**
 * An Azure ML workspace. Values are validated by the request parser before a {@code WorkspaceRef} exists;
 * the constructor only refuses nulls.
 */
public record WorkspaceRef(String subscriptionId, String resourceGroup, String workspaceName) {

    public WorkspaceRef {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(resourceGroup, "resourceGroup");
        Objects.requireNonNull(workspaceName, "workspaceName");
    }

    /**
     * {@code subscriptionId/resourceGroup/workspaceName}, the form used by the workspace allow-list and the
     * {@code workspace} application property of events. Subscription ids and resource group names are
     * case-insensitive in ARM, so the key is lower-cased.
     */
    public String key() {
        return (subscriptionId + "/" + resourceGroup + "/" + workspaceName).toLowerCase(java.util.Locale.ROOT);
    }

    /** The workspace's ARM resource id. */
    public String armId() {
        return "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup
                + "/providers/Microsoft.MachineLearningServices/workspaces/" + workspaceName;
    }

    /**
     * The ARM id of a compute in this workspace: the only kind of ARM path this app ever writes to. Both parts
     * come from validated names that cannot hold a path separator.
     */
    public String computeId(String computeName) {
        return armId() + "/computes/" + computeName;
    }
}
