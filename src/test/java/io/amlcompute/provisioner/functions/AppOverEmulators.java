package io.amlcompute.provisioner.functions;

import io.amlcompute.provisioner.config.Settings;
import io.amlcompute.provisioner.contract.validation.Samples;
import io.amlcompute.provisioner.local.arm.ArmEmulator;
import io.amlcompute.provisioner.local.arm.ArmEmulatorBuilder;
import io.amlcompute.provisioner.local.servicebus.ServiceBusEmulator;
import io.amlcompute.provisioner.local.servicebus.ServiceBusEmulatorConfig;

import java.io.IOException;
import java.util.Map;

/**
 * The app wired by {@link ProvisionerApp#fromSettings} exactly as in Azure, against an ARM emulator (over HTTP) and
 * the Service Bus emulator (over AMQP), with the demo workspace and the local secret store allowed. Closing it stops
 * the app, then the emulators.
 */
final class AppOverEmulators implements AutoCloseable {

    final ArmEmulator arm;
    final ServiceBusEmulator bus;
    final ProvisionerApp app;

    private AppOverEmulators(ArmEmulator arm, ServiceBusEmulator bus, ProvisionerApp app) {
        this.arm = arm;
        this.bus = bus;
        this.app = app;
    }

    /** Starts the emulators ({@code arm} configured by the test) and builds the app from settings pointing at them. */
    static AppOverEmulators start(ArmEmulatorBuilder arm) throws IOException {
        ArmEmulator armEmulator = arm.start();
        ServiceBusEmulator bus = null;
        try {
            bus = ServiceBusEmulator.start(ServiceBusEmulatorConfig.appDefaults());
            ProvisionerApp app = ProvisionerApp.fromSettings(Settings.of(Map.of(
                    "ServiceBusConnection", bus.connectionString(),
                    "ARM_ENDPOINT", armEmulator.endpoint().toString(), "ARM_AUTH", "none",
                    "LOCAL_SECRETS_FILE", "samples/local-secrets.json",
                    "POLICY_ALLOWED_WORKSPACES", Samples.DEMO_WORKSPACE, "POLICY_ALLOWED_SECRET_STORES", "local")));
            return new AppOverEmulators(armEmulator, bus, app);
        } catch (RuntimeException e) {
            if (bus != null) {
                bus.close();
            }
            armEmulator.close();
            throw e;
        }
    }

    @Override
    public void close() {
        app.close();
        bus.close();
        arm.close();
    }
}
