package io.amlcompute.provisioner.secrets;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;
import io.amlcompute.provisioner.config.Setting;
import io.amlcompute.provisioner.config.Settings;
import io.amlcompute.provisioner.provisioning.SecretResolver;

import java.nio.file.Path;

/**
 * The one way the app builds its {@link SecretResolver} from app settings: Key Vault references through
 * DefaultAzureCredential ({@code AZURE_CLIENT_ID} as the user-assigned identity), and {@code local:} references from
 * the JSON file {@code LOCAL_SECRETS_FILE} when, and only when, that setting is set.
 */
public final class SecretResolvers {

    private SecretResolvers() {
    }

    /** Builds the resolver with its own DefaultAzureCredential (no network until a Key Vault secret is read). */
    public static SecretResolver fromSettings(Settings settings) {
        return fromSettings(settings, null);
    }

    /**
     * As {@link #fromSettings(Settings)}, sharing {@code credential} (one per process) for Key Vault; null makes a
     * DefaultAzureCredential.
     */
    public static SecretResolver fromSettings(Settings settings, TokenCredential credential) {
        TokenCredential keyVaultCredential = credential != null ? credential : defaultCredential(settings);
        SecretResolver local = settings.find(Setting.LOCAL_SECRETS_FILE)
                .map(file -> (SecretResolver) new LocalFileSecretResolver(Path.of(file)))
                .orElse(null);
        return new RoutingSecretResolver(KeyVaultSecretResolver.withCredential(keyVaultCredential), local);
    }

    private static TokenCredential defaultCredential(Settings settings) {
        DefaultAzureCredentialBuilder credential = new DefaultAzureCredentialBuilder();
        settings.find(Setting.AZURE_CLIENT_ID).ifPresent(credential::managedIdentityClientId);
        return credential.build();
    }
}
