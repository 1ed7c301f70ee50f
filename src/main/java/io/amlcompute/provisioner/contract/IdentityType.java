package io.amlcompute.provisioner.contract;

/** Managed identity of a compute, as ARM's ManagedServiceIdentity type names it. */
public enum IdentityType implements WireNamed {
    SYSTEM_ASSIGNED("SystemAssigned"),
    USER_ASSIGNED("UserAssigned"),
    SYSTEM_ASSIGNED_AND_USER_ASSIGNED("SystemAssigned,UserAssigned");

    private final String wireName;

    IdentityType(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
