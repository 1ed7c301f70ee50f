package io.amlcompute.provisioner.secrets;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import io.amlcompute.provisioner.contract.SecretRef;
import io.amlcompute.provisioner.provisioning.ErrorKind;
import io.amlcompute.provisioner.provisioning.ProvisioningException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The Key Vault resolver with the real {@code SecretClient} over HTTPS against {@link LocalKeyVault}, through Key
 * Vault's bearer challenge with a real {@link TokenCredential}. Client retries are 1 with a 1 ms base delay, so the
 * retry paths run without waiting.
 */
class KeyVaultSecretResolverTest {

    private static final String VAULT_HOST = "kv-ml-demo.vault.azure.net";
    private static final String SECRET_VALUE = "s3cr3t-ssh-key-material";

    private LocalKeyVault vault;
    private final List<TokenRequestContext> tokenRequests = new CopyOnWriteArrayList<>();
    private final AtomicInteger clientsMade = new AtomicInteger();
    private KeyVaultSecretResolver resolver;

    @BeforeEach
    void start() {
        vault = LocalKeyVault.start();
        TokenCredential credential = context -> {
            tokenRequests.add(context);
            return Mono.just(new AccessToken(LocalKeyVault.TOKEN, OffsetDateTime.now().plusHours(1)));
        };
        resolver = new KeyVaultSecretResolver(host -> {
            clientsMade.incrementAndGet();
            assertThat(host).isEqualTo(VAULT_HOST);
            // The production builder, pointed at the local vault (which cannot be *.vault.azure.net).
            return KeyVaultSecretResolver.clientBuilder(vault.url(), credential, 1, Duration.ofMillis(1),
                            Duration.ofMillis(2), Duration.ofSeconds(30))
                    .httpClient(SelfSignedTls.get().trustingHttpClient())
                    .disableChallengeResourceVerification()
                    .buildClient();
        });
    }

    @AfterEach
    void stop() {
        vault.close();
    }

    @Test
    void readsTheLatestVersionThroughTheBearerChallengeAndOneClientPerVault() {
        vault.secret("ssh-key", SECRET_VALUE).secret("password", "p4ss");

        assertThat(resolver.resolve(ref("ssh-key"))).isEqualTo(SECRET_VALUE);
        assertThat(resolver.resolve(ref("password"))).isEqualTo("p4ss");

        assertThat(clientsMade).hasValue(1);
        assertThat(vault.requests()).first().asString().endsWith("anonymous");
        assertThat(vault.requests()).filteredOn(r -> r.endsWith(" auth")).hasSize(2);
        assertThat(tokenRequests).isNotEmpty().allSatisfy(context ->
                assertThat(context.getScopes()).containsExactly("https://vault.azure.net/.default"));
    }

    @Test
    void readsAPinnedVersion() {
        vault.secret("ssh-key", SECRET_VALUE);

        String value = resolver.resolve(new SecretRef("https://" + VAULT_HOST
                + "/secrets/ssh-key/0123456789abcdef0123456789abcdef"));

        assertThat(value).isEqualTo(SECRET_VALUE);
        assertThat(vault.requests()).last().asString()
                .isEqualTo("GET /secrets/ssh-key/0123456789abcdef0123456789abcdef auth");
    }

    @Test
    void aMissingSecretIsUnavailable() {
        ProvisioningException e = resolveFailing("nope");

        assertThat(e.kind()).isEqualTo(ErrorKind.SECRET_UNAVAILABLE);
        assertThat(e.code()).isEqualTo("SecretNotFound");
        assertThat(e.getMessage()).contains("https://" + VAULT_HOST + "/secrets/nope").contains("404");
    }

    @Test
    void aForbiddenSecretIsUnavailable() {
        vault.secret("ssh-key", SECRET_VALUE).forbidden("ssh-key");

        ProvisioningException e = resolveFailing("ssh-key");

        assertThat(e.kind()).isEqualTo(ErrorKind.SECRET_UNAVAILABLE);
        assertThat(e.code()).isEqualTo("SecretForbidden");
        assertThat(e.getMessage()).doesNotContain(SECRET_VALUE);
    }

    @Test
    void throttlingBeyondTheCapSurfacesAtOnceWithTheFullRetryAfter() {
        vault.secret("ssh-key", SECRET_VALUE).throttled("ssh-key", 120);

        ProvisioningException e = resolveFailing("ssh-key");

        assertThat(e.kind()).isEqualTo(ErrorKind.THROTTLED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(120));
        assertThat(vault.requests()).filteredOn(r -> r.endsWith(" auth")).hasSize(1);
    }

    @Test
    void aServerErrorIsRetriedByTheClientThenSucceeds() {
        vault.secret("ssh-key", SECRET_VALUE).failing("ssh-key", 1);

        assertThat(resolver.resolve(ref("ssh-key"))).isEqualTo(SECRET_VALUE);
        assertThat(vault.requests()).filteredOn(r -> r.endsWith(" auth")).hasSize(2);
    }

    @Test
    void aServerErrorBeyondTheRetriesIsTransient() {
        vault.secret("ssh-key", SECRET_VALUE).failing("ssh-key", 5);

        ProvisioningException e = resolveFailing("ssh-key");

        assertThat(e.kind()).isEqualTo(ErrorKind.TRANSIENT);
        assertThat(e.getMessage()).contains("503").doesNotContain(SECRET_VALUE);
    }

    @Test
    void anUnreachableVaultIsTransient() {
        vault.close();

        ProvisioningException e = resolveFailing("ssh-key");

        assertThat(e.kind()).isEqualTo(ErrorKind.TRANSIENT);
        assertThat(e.code()).isEqualTo("KeyVaultUnreachable");
    }

    private ProvisioningException resolveFailing(String name) {
        return catchThrowableOfType(ProvisioningException.class, () -> resolver.resolve(ref(name)));
    }

    private static SecretRef ref(String name) {
        return new SecretRef("https://" + VAULT_HOST + "/secrets/" + name);
    }
}
