package io.amlcompute.provisioner.arm;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;
import io.amlcompute.provisioner.config.Setting;
import io.amlcompute.provisioner.config.Settings;
import io.amlcompute.provisioner.provisioning.ComputeGateway;
import io.amlcompute.provisioner.provisioning.SecretResolver;

import java.util.Locale;

/**
 * The one way the app builds its {@link ComputeGateway} from app settings: {@code ARM_ENDPOINT},
 * {@code ARM_API_VERSION}, {@code ARM_AUTH} ({@code managedidentity}: DefaultAzureCredential with
 * {@code AZURE_CLIENT_ID} as the user-assigned identity; {@code none}: loopback emulators only).
 */
public final class ArmGateways {

    private ArmGateways() {
    }

    /**
     * Builds the gateway; with {@code ARM_AUTH=managedidentity} it makes its own DefaultAzureCredential.
     *
     * @throws Settings.SettingsException when a setting is missing or the endpoint does not suit the auth mode
     */
    public static ArmComputeGateway fromSettings(Settings settings, SecretResolver secrets) {
        return fromSettings(settings, secrets, null);
    }

    /**
     * As {@link #fromSettings(Settings, SecretResolver)}, sharing {@code credential} (one per process) when
     * {@code ARM_AUTH=managedidentity}; null makes a DefaultAzureCredential.
     */
    public static ArmComputeGateway fromSettings(Settings settings, SecretResolver secrets,
                                                 TokenCredential credential) {
        ArmComputeGatewayBuilder builder = ArmComputeGateway.builder()
                .apiVersion(settings.get(Setting.ARM_API_VERSION))
                .secretResolver(secrets);
        String endpoint = settings.get(Setting.ARM_ENDPOINT);
        try {
            builder.endpoint(ArmEndpoint.parse(endpoint).uri());
        } catch (IllegalArgumentException e) {
            throw new Settings.SettingsException(Setting.ARM_ENDPOINT, "is not usable: " + e.getMessage());
        }
        String auth = settings.get(Setting.ARM_AUTH).toLowerCase(Locale.ROOT);
        switch (auth) {
            case "managedidentity" -> builder.credential(credential != null ? credential : defaultCredential(settings));
            case "none" -> builder.withoutAuthentication();
            default -> throw new Settings.SettingsException(Setting.ARM_AUTH,
                    "must be managedidentity or none, got '" + auth + "'");
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new Settings.SettingsException(Setting.ARM_ENDPOINT,
                    "cannot be used with " + Setting.ARM_AUTH.key() + "=" + auth + ": " + e.getMessage());
        }
    }

    private static TokenCredential defaultCredential(Settings settings) {
        DefaultAzureCredentialBuilder credential = new DefaultAzureCredentialBuilder();
        settings.find(Setting.AZURE_CLIENT_ID).ifPresent(credential::managedIdentityClientId);
        return credential.build();
    }
}
