package io.amlcompute.provisioner.arm;

import io.amlcompute.provisioner.config.Settings;
import io.amlcompute.provisioner.provisioning.ComputeGateway;
import io.amlcompute.provisioner.provisioning.SecretResolver;

/** Builds the ARM gateway from app settings. The gateway itself lands with the ARM gateway issue (#3). */
public final class ArmGateways {

    private ArmGateways() {
    }

    public static ComputeGateway fromSettings(Settings settings, SecretResolver secrets) {
        throw new UnsupportedOperationException("the ARM gateway is not built yet (issue 3)");
    }
}
