package io.amlcompute.provisioner.local.arm;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A seeded Azure ML workspace, spelled as it was seeded (responses use this spelling). {@code location} is its region:
 * every compute of the workspace carries it as its envelope {@code location}.
 * Names are checked against the path parameter patterns of the contract so a seed cannot be unreachable.
 */
record Workspace(String subscriptionId, String resourceGroup, String name, String location) {

    /** {@code resourceGroupName}: 1–90 characters of {@code ^[-\w\._\(\)]+$} (common-types v3). */
    private static final Pattern RESOURCE_GROUP = Pattern.compile("^[-\\w._()]{1,90}$");
    /** {@code workspaceName}: {@code ^[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$} (2025-12-01). */
    private static final Pattern WORKSPACE = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$");
    private static final Pattern SEGMENT = Pattern.compile("^[^/?#\\s]+$");

    Workspace {
        require(subscriptionId, SEGMENT, "subscriptionId");
        require(resourceGroup, RESOURCE_GROUP, "resourceGroup");
        require(name, WORKSPACE, "workspaceName");
        require(location, SEGMENT, "location");
    }

    private static void require(String value, Pattern pattern, String parameter) {
        Objects.requireNonNull(value, parameter);
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(parameter + " '" + value + "' does not match " + pattern.pattern());
        }
    }

    /**
     * Whether {@code location} names this workspace's region. ARM region names compare without case and spaces
     * ("West Europe" is westeurope), as azure-core-management's {@code Region.fromName} normalizes them.
     */
    boolean isRegion(String location) {
        return location != null && normalized(location).equals(normalized(this.location));
    }

    private static String normalized(String region) {
        return region.replace(" ", "").toLowerCase(java.util.Locale.ROOT);
    }

    WorkspaceKey key() {
        return new WorkspaceKey(subscriptionId, resourceGroup, name);
    }

    /** {@code /subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.MachineLearningServices/workspaces/{ws}}. */
    String resourceId() {
        return "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup
                + "/providers/Microsoft.MachineLearningServices/workspaces/" + name;
    }
}
