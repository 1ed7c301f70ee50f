package io.amlcompute.provisioner.contract;

import java.util.Objects;

/**
 * An administrator account on compute nodes or an attached machine. Credentials are references only; which of
 * them a compute type accepts is checked by the request parser.
 */
public record AdminUser(String username, SecretRef password, SecretRef sshPublicKey, SecretRef sshPrivateKey) {

    public AdminUser {
        Objects.requireNonNull(username, "username");
    }
}
