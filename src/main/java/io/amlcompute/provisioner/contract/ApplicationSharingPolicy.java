package io.amlcompute.provisioner.contract;

/**
 * Who may use the applications (Jupyter, VS Code) of a compute instance: ARM's {@code applicationSharingPolicy}.
 * "If Personal, only the creator can access applications on this compute instance. When Shared, any workspace user
 * can access applications on this instance depending on his/her assigned role" (ComputeInstanceProperties, 2025-12-01).
 */
public enum ApplicationSharingPolicy implements WireNamed {
    PERSONAL("Personal"),
    SHARED("Shared");

    private final String wireName;

    ApplicationSharingPolicy(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
