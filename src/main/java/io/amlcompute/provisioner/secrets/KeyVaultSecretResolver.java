package io.amlcompute.provisioner.secrets;

import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.policy.HttpLogDetailLevel;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import io.amlcompute.provisioner.contract.SecretRef;
import io.amlcompute.provisioner.provisioning.ErrorKind;
import io.amlcompute.provisioner.provisioning.ProvisioningException;
import io.amlcompute.provisioner.provisioning.SecretResolver;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Resolves Key Vault references ({@code https://<vault>.vault.azure.net/secrets/<name>[/<version>]}) with one
 * {@link SecretClient} per vault, made on first use and kept. Failures become the taxonomy: missing (404) or not
 * allowed (401/403) → {@link ErrorKind#SECRET_UNAVAILABLE}; 429 → {@link ErrorKind#THROTTLED}; 5xx and transport
 * failures → {@link ErrorKind#TRANSIENT}, each after the client's own bounded retries. Messages name the reference
 * and the status, never a value. Values are not cached: each PUT reads the current version. Thread-safe.
 */
final class KeyVaultSecretResolver implements SecretResolver {

    private final Function<String, SecretClient> clientForVault;
    private final ConcurrentHashMap<String, SecretClient> clients = new ConcurrentHashMap<>();

    /** @param clientForVault makes the client for a vault host name, e.g. {@code myvault.vault.azure.net} */
    KeyVaultSecretResolver(Function<String, SecretClient> clientForVault) {
        this.clientForVault = Objects.requireNonNull(clientForVault, "clientForVault");
    }

    /** The production resolver: {@code https://<vault host>} with {@code credential} and the default retries. */
    static KeyVaultSecretResolver withCredential(TokenCredential credential) {
        return new KeyVaultSecretResolver(host -> clientBuilder("https://" + host, credential,
                3, Duration.ofMillis(800), Duration.ofSeconds(8), Duration.ofSeconds(30)).buildClient());
    }

    /**
     * How every Key Vault client of this app is configured: HTTP logging pinned off (a response body is the secret
     * value, and {@code AZURE_HTTP_LOG_DETAIL_LEVEL} would otherwise switch body logging on), bounded retries.
     */
    static SecretClientBuilder clientBuilder(String vaultUrl, TokenCredential credential, int maxRetries,
                                             Duration baseDelay, Duration maxDelay, Duration maxRetryAfter) {
        return new SecretClientBuilder()
                .vaultUrl(vaultUrl)
                .credential(credential)
                .httpLogOptions(new HttpLogOptions().setLogLevel(HttpLogDetailLevel.NONE))
                .retryPolicy(new RetryPolicy(new KeyVaultRetryStrategy(maxRetries, baseDelay, maxDelay,
                        maxRetryAfter)));
    }

    @Override
    public String resolve(SecretRef ref) {
        SecretRef.Parts parts = ref.parts();
        if (SecretRef.LOCAL_STORE.equals(parts.store())) {
            throw new ProvisioningException(ErrorKind.SECRET_UNAVAILABLE, "SecretStoreNotKeyVault",
                    "Secret " + ref + " is not a Key Vault reference.");
        }
        SecretClient client = clients.computeIfAbsent(parts.store(), clientForVault);
        KeyVaultSecret secret;
        try {
            secret = client.getSecret(parts.name(), parts.version());
        } catch (ClientAuthenticationException e) {
            throw new ProvisioningException(ErrorKind.SECRET_UNAVAILABLE, "KeyVaultCredentialUnavailable",
                    "Secret " + ref + " cannot be read: no token for Key Vault.", null, e);
        } catch (HttpResponseException e) {
            throw fromStatus(ref, e);
        } catch (RuntimeException e) {
            throw new ProvisioningException(ErrorKind.TRANSIENT, "KeyVaultUnreachable",
                    "Secret " + ref + " cannot be read now: Key Vault did not answer ("
                            + e.getClass().getSimpleName() + ").", null, e);
        }
        String value = secret == null ? null : secret.getValue();
        if (value == null) {
            throw new ProvisioningException(ErrorKind.SECRET_UNAVAILABLE, "SecretEmpty",
                    "Secret " + ref + " has no value.");
        }
        return value;
    }

    private static ProvisioningException fromStatus(SecretRef ref, HttpResponseException e) {
        int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
        if (status == 429) {
            return new ProvisioningException(ErrorKind.THROTTLED, "KeyVaultThrottled",
                    "Secret " + ref + " cannot be read now: Key Vault answered 429.",
                    KeyVaultRetryStrategy.retryAfter(e.getResponse()), e);
        }
        if (status >= 500 || status == 408 || status == 0) {
            return new ProvisioningException(ErrorKind.TRANSIENT, "KeyVaultUnavailable",
                    "Secret " + ref + " cannot be read now: Key Vault answered " + status + ".",
                    e.getResponse() == null ? null : KeyVaultRetryStrategy.retryAfter(e.getResponse()), e);
        }
        String code = switch (status) {
            case 404 -> "SecretNotFound";
            case 401, 403 -> "SecretForbidden";
            default -> "SecretUnreadable";
        };
        return new ProvisioningException(ErrorKind.SECRET_UNAVAILABLE, code,
                "Secret " + ref + " cannot be read: Key Vault answered " + status + ".", null, e);
    }
}
