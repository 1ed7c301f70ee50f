package io.amlcompute.provisioner.contract;

import java.util.Objects;

/**
 * The person a compute instance is created for ("create on behalf of"): ARM's
 * {@code personalComputeInstanceSettings.assignedUser}, both ids required (AssignedUser, 2025-12-01). Never changed
 * once created: an instance assigned to someone else is a conflict, not something to reassign.
 *
 * @param objectId the user's Microsoft Entra object id (a GUID, lower case)
 * @param tenantId the user's Microsoft Entra tenant id (a GUID, lower case)
 */
public record AssignedUser(String objectId, String tenantId) {

    public AssignedUser {
        Objects.requireNonNull(objectId, "objectId");
        Objects.requireNonNull(tenantId, "tenantId");
    }

    /** Whether ARM's ids name this user; GUIDs compare without case. */
    public boolean sameAs(String otherObjectId, String otherTenantId) {
        return objectId.equalsIgnoreCase(otherObjectId) && (otherTenantId == null || tenantId.equalsIgnoreCase(otherTenantId));
    }
}
