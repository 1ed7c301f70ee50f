package io.amlcompute.provisioner.secrets;

import io.amlcompute.provisioner.config.Settings;
import io.amlcompute.provisioner.provisioning.SecretResolver;

/** Builds the secret resolver from app settings. The resolvers land with the ARM gateway issue (#3). */
public final class SecretResolvers {

    private SecretResolvers() {
    }

    public static SecretResolver fromSettings(Settings settings) {
        throw new UnsupportedOperationException("the secret resolvers are not built yet (issue 3)");
    }
}
