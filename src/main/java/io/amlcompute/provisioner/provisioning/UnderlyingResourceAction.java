package io.amlcompute.provisioner.provisioning;

import io.amlcompute.provisioner.contract.WireNamed;

/** ARM's required {@code underlyingResourceAction} on DELETE. */
public enum UnderlyingResourceAction implements WireNamed {
    /** Destroys the compute: for managed AmlCompute. */
    DELETE("Delete"),
    /** Only unlinks the compute from the workspace: for attached compute. */
    DETACH("Detach");

    private final String wireName;

    UnderlyingResourceAction(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
