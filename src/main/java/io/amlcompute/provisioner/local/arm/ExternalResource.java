package io.amlcompute.provisioner.local.arm;

import java.util.Objects;

/**
 * A seeded Azure resource that can be attached as compute (a Databricks workspace, a VM, a Kubernetes or HDInsight
 * cluster, a Synapse Spark pool).
 *
 * @param workspaceUrl Databricks only, else null
 * @param accessToken  Databricks only, else null; the token an attach must present
 */
record ExternalResource(ArmComputeType computeType, String resourceId, String workspaceUrl, Secret accessToken) {

    ExternalResource {
        Objects.requireNonNull(computeType, "computeType");
        Objects.requireNonNull(resourceId, "resourceId");
        if (!AttachTargets.isResourceIdOf(computeType, resourceId)) {
            throw new IllegalArgumentException("'" + resourceId + "' is not the ARM id of a resource a "
                    + computeType.wireName() + " compute attaches (" + AttachTargets.expectedType(computeType) + ")");
        }
    }
}
