package io.amlcompute.provisioner.secrets;

import io.amlcompute.provisioner.contract.SecretRef;
import io.amlcompute.provisioner.provisioning.ErrorKind;
import io.amlcompute.provisioner.provisioning.ProvisioningException;
import io.amlcompute.provisioner.provisioning.SecretResolver;

import java.util.Objects;

/**
 * Sends each reference to its store: {@code local:} references to the local secret store, vault URIs to Key Vault.
 * Without a local store (Azure: {@code LOCAL_SECRETS_FILE} unset) a {@code local:} reference is refused with
 * {@link ErrorKind#SECRET_UNAVAILABLE}, so a deployed app never reads secrets from a file. Thread-safe when its
 * stores are.
 */
final class RoutingSecretResolver implements SecretResolver {

    private final SecretResolver keyVault;
    private final SecretResolver local;

    /** @param local null when there is no local store */
    RoutingSecretResolver(SecretResolver keyVault, SecretResolver local) {
        this.keyVault = Objects.requireNonNull(keyVault, "keyVault");
        this.local = local;
    }

    @Override
    public String resolve(SecretRef ref) {
        if (!SecretRef.LOCAL_STORE.equals(ref.store())) {
            return keyVault.resolve(ref);
        }
        if (local == null) {
            throw new ProvisioningException(ErrorKind.SECRET_UNAVAILABLE, "LocalSecretStoreNotConfigured",
                    "Secret " + ref + " is a local: reference, but this app has no local secret store "
                            + "(LOCAL_SECRETS_FILE is not set); use a Key Vault reference.");
        }
        return local.resolve(ref);
    }

    @Override
    public String toString() {
        return "RoutingSecretResolver[keyVault, " + (local == null ? "no local store" : local) + "]";
    }
}
