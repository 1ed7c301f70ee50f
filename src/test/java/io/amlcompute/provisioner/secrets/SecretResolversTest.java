package io.amlcompute.provisioner.secrets;

import com.azure.core.credential.TokenCredential;
import io.amlcompute.provisioner.config.Setting;
import io.amlcompute.provisioner.config.Settings;
import io.amlcompute.provisioner.contract.SecretRef;
import io.amlcompute.provisioner.provisioning.ErrorKind;
import io.amlcompute.provisioner.provisioning.ProvisioningException;
import io.amlcompute.provisioner.provisioning.SecretResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Routing: each reference goes to its store, and local references need a configured local store. */
class SecretResolversTest {

    private static final SecretRef VAULT_REF = new SecretRef("https://kv-ml.vault.azure.net/secrets/token");

    @TempDir
    Path directory;

    @Test
    void routesLocalReferencesToTheFileAndVaultReferencesToKeyVault() throws IOException {
        List<SecretRef> sentToKeyVault = new ArrayList<>();
        Path file = Files.writeString(directory.resolve("secrets.json"), "{\"token\": \"local-value\"}");
        SecretResolver routing = new RoutingSecretResolver(ref -> {
            sentToKeyVault.add(ref);
            return "vault-value";
        }, new LocalFileSecretResolver(file));

        assertThat(routing.resolve(new SecretRef("local:token"))).isEqualTo("local-value");
        assertThat(routing.resolve(VAULT_REF)).isEqualTo("vault-value");
        assertThat(sentToKeyVault).containsExactly(VAULT_REF);
    }

    @Test
    void refusesLocalReferencesWithoutALocalStore() {
        SecretResolver routing = new RoutingSecretResolver(ref -> "vault-value", null);

        ProvisioningException e = catchThrowableOfType(ProvisioningException.class,
                () -> routing.resolve(new SecretRef("local:token")));

        assertThat(e.kind()).isEqualTo(ErrorKind.SECRET_UNAVAILABLE);
        assertThat(e.code()).isEqualTo("LocalSecretStoreNotConfigured");
        assertThat(e.getMessage()).contains("LOCAL_SECRETS_FILE");
    }

    @Test
    void fromSettingsServesLocalReferencesFromLocalSecretsFile() throws IOException {
        Path file = Files.writeString(directory.resolve("secrets.json"), "{\"token\": \"local-value\"}");

        SecretResolver resolver = SecretResolvers.fromSettings(
                Settings.of(Map.of(Setting.LOCAL_SECRETS_FILE.key(), file.toString())), unusedCredential());

        assertThat(resolver.resolve(new SecretRef("local:token"))).isEqualTo("local-value");
    }

    @Test
    void fromSettingsWithoutLocalSecretsFileRefusesLocalReferences() {
        SecretResolver resolver = SecretResolvers.fromSettings(Settings.of(Map.of()), unusedCredential());

        ProvisioningException e = catchThrowableOfType(ProvisioningException.class,
                () -> resolver.resolve(new SecretRef("local:token")));

        assertThat(e.kind()).isEqualTo(ErrorKind.SECRET_UNAVAILABLE);
    }

    private static TokenCredential unusedCredential() {
        return context -> Mono.error(new AssertionError("no token should be requested"));
    }
}
