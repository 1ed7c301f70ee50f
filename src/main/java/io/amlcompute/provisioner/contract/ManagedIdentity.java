package io.amlcompute.provisioner.contract;

import java.util.List;
import java.util.Objects;

/**
 * The managed identity a compute runs as.
 *
 * @param userAssignedIdentityIds ARM ids of {@code Microsoft.ManagedIdentity/userAssignedIdentities}; empty for
 *                                {@link IdentityType#SYSTEM_ASSIGNED}
 */
public record ManagedIdentity(IdentityType type, List<String> userAssignedIdentityIds) {

    public ManagedIdentity {
        Objects.requireNonNull(type, "type");
        userAssignedIdentityIds = List.copyOf(userAssignedIdentityIds);
    }
}
