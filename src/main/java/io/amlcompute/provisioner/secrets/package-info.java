/**
 * Secret resolvers behind {@link io.amlcompute.provisioner.provisioning.SecretResolver}: Key Vault (one
 * {@code SecretClient} per vault, managed identity), the local run's JSON secret file, and the router that picks the
 * store from the reference. Build them with {@link io.amlcompute.provisioner.secrets.SecretResolvers#fromSettings}.
 * Resolved values are returned to the caller only; they are never logged, cached or put into an exception message.
 */
package io.amlcompute.provisioner.secrets;
