package io.amlcompute.provisioner.local.arm;

import java.util.Locale;
import java.util.Objects;

/** Identifies a workspace the way ARM compares ids: case-insensitively (stored lower-case). */
record WorkspaceKey(String subscriptionId, String resourceGroup, String workspaceName) {

    WorkspaceKey {
        subscriptionId = Objects.requireNonNull(subscriptionId, "subscriptionId").toLowerCase(Locale.ROOT);
        resourceGroup = Objects.requireNonNull(resourceGroup, "resourceGroup").toLowerCase(Locale.ROOT);
        workspaceName = Objects.requireNonNull(workspaceName, "workspaceName").toLowerCase(Locale.ROOT);
    }
}
