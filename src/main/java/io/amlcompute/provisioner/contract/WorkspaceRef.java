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
}
