package io.amlcompute.provisioner.contract;

/**
 * Whether a compute instance's public SSH port is open: ARM's {@code sshSettings.sshPublicAccess}, default Disabled
 * (ComputeInstanceSshSettings, 2025-12-01). "SSH access can't be enabled or disabled after creation" (Azure ML docs,
 * how-to-create-compute-instance, "Enable SSH access").
 */
public enum SshPublicAccess implements WireNamed {
    ENABLED("Enabled"),
    DISABLED("Disabled");

    private final String wireName;

    SshPublicAccess(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
