package io.amlcompute.provisioner.provisioning;

import io.amlcompute.provisioner.contract.SecretRef;

/**
 * Turns a secret reference into its value, at the last moment: inside the step that sends the value to ARM.
 * The value must never be logged, stored in orchestration state, or put into an exception message.
 * Implementations are thread-safe.
 */
public interface SecretResolver {

    /**
     * @throws ProvisioningException {@link ErrorKind#SECRET_UNAVAILABLE} when the secret does not exist or may not
     *                               be read, {@link ErrorKind#TRANSIENT} / {@link ErrorKind#THROTTLED} when the
     *                               store is temporarily unavailable
     */
    String resolve(SecretRef ref);
}
