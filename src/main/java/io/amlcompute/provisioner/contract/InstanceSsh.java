package io.amlcompute.provisioner.contract;

import java.util.Objects;

/**
 * SSH to a compute instance: ARM's {@code sshSettings}.
 *
 * @param adminPublicKey the administrator's SSH public key, as a reference; null to set none (the assigned user
 *                       adds their key later, as Azure ML requires for an instance created on someone's behalf)
 */
public record InstanceSsh(SshPublicAccess publicAccess, SecretRef adminPublicKey) {

    public static final InstanceSsh DISABLED = new InstanceSsh(SshPublicAccess.DISABLED, null);

    public InstanceSsh {
        Objects.requireNonNull(publicAccess, "publicAccess");
    }
}
