package io.amlcompute.provisioner.contract;

import java.util.regex.Pattern;

/**
 * ARM naming rules for the path segments a request contributes. They are what keeps every request on
 * {@code .../workspaces/{workspace}/computes/{name}}: none of these can hold a {@code /}, {@code ?}, {@code #},
 * {@code %} or a dot-segment.
 */
public final class ArmNames {

    /** Compute names as api-version 2026-07-01 constrains them (2025-12-01 declares no pattern). */
    private static final Pattern COMPUTE_NAME =
            Pattern.compile("^[a-zA-Z](?![a-zA-Z0-9-]*-\\d+$)[a-zA-Z0-9-]{2,23}$");
    /** Workspace names, contract pattern {@code ^[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$}. */
    private static final Pattern WORKSPACE_NAME = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$");
    /**
     * Resource group names: 1–90 characters of {@code [-\w._()]} (contract pattern), and, as ARM enforces, not
     * ending in a period. A name made only of periods could form a dot-segment, so at least one other
     * character is required.
     */
    private static final Pattern RESOURCE_GROUP = Pattern.compile("^(?=.*[^.])[-\\w.()]{0,89}[-\\w()]$");
    private static final Pattern GUID =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private ArmNames() {
    }

    public static boolean isComputeName(String name) {
        return COMPUTE_NAME.matcher(name).matches();
    }

    /** Whether every name of {@code .../workspaces/{workspace}/computes/{computeName}} follows ARM's rules. */
    public static boolean isComputeAddress(WorkspaceRef workspace, String computeName) {
        return isSubscriptionId(workspace.subscriptionId()) && isResourceGroup(workspace.resourceGroup())
                && isWorkspaceName(workspace.workspaceName()) && isComputeName(computeName);
    }

    public static boolean isWorkspaceName(String name) {
        return WORKSPACE_NAME.matcher(name).matches();
    }

    public static boolean isResourceGroup(String name) {
        // \w in Java is ASCII-only unless UNICODE_CHARACTER_CLASS is set, which keeps names ASCII.
        return RESOURCE_GROUP.matcher(name).matches();
    }

    public static boolean isSubscriptionId(String id) {
        return GUID.matcher(id).matches();
    }
}
