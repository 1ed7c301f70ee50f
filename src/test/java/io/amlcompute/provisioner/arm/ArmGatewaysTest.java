package io.amlcompute.provisioner.arm;

import com.azure.core.credential.TokenCredential;
import io.amlcompute.provisioner.config.Setting;
import io.amlcompute.provisioner.config.Settings;
import io.amlcompute.provisioner.provisioning.ComputeGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.util.HashMap;
import java.util.Map;

import static io.amlcompute.provisioner.arm.EmulatedArm.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Building the gateway from app settings: ARM_ENDPOINT, ARM_API_VERSION, ARM_AUTH, AZURE_CLIENT_ID. */
class ArmGatewaysTest {

    private static final TokenCredential UNUSED = context -> Mono.error(new AssertionError("no token expected"));

    private EmulatedArm arm;

    @AfterEach
    void stop() {
        if (arm != null) {
            arm.close();
        }
    }

    private static Settings settings(String... keyValues) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        return Settings.of(values);
    }

    @Test
    void talksToALoopbackEmulatorWithoutAuthenticationAtTheConfiguredApiVersion() {
        arm = EmulatedArm.start(b -> b.acceptedApiVersions("2025-12-01", "2026-07-01"));
        ComputeGateway gateway = ArmGateways.fromSettings(settings(
                Setting.ARM_ENDPOINT.key(), arm.emulator.endpoint().toString(),
                Setting.ARM_AUTH.key(), "none",
                Setting.ARM_API_VERSION.key(), "2026-07-01"), EmulatedArm.secretStore());

        assertThat(gateway.get(address("cpu-cluster"), "settings-1")).isEmpty();

        assertThat(arm.lastRequest().query()).isEqualTo("api-version=2026-07-01");
        assertThat(arm.lastRequest().status()).isEqualTo(404);
        assertThat(arm.lastRequest().authorizationPresent()).isFalse();
    }

    @Test
    void defaultsToTheManagedIdentityAgainstManagementAzureCom() {
        ComputeGateway gateway = ArmGateways.fromSettings(settings(
                Setting.AZURE_CLIENT_ID.key(), "11111111-2222-3333-4444-555555555555"), EmulatedArm.secretStore());

        assertThat(gateway.toString()).contains("https://management.azure.com").contains("2025-12-01");
    }

    @Test
    void refusesNoAuthenticationForManagementAzureCom() {
        assertThatThrownBy(() -> ArmGateways.fromSettings(settings(Setting.ARM_AUTH.key(), "none"),
                EmulatedArm.secretStore()))
                .isInstanceOf(Settings.SettingsException.class)
                .hasMessageContaining("ARM_ENDPOINT")
                .hasMessageContaining("loopback");
    }

    @Test
    void refusesTheManagedIdentityOverHttp() {
        assertThatThrownBy(() -> ArmGateways.fromSettings(settings(
                Setting.ARM_ENDPOINT.key(), "http://127.0.0.1:9999"), EmulatedArm.secretStore(), UNUSED))
                .isInstanceOf(Settings.SettingsException.class)
                .hasMessageContaining("ARM_ENDPOINT")
                .hasMessageContaining("https");
    }

    @Test
    void refusesAnUnknownAuthMode() {
        assertThatThrownBy(() -> ArmGateways.fromSettings(settings(Setting.ARM_AUTH.key(), "connectionstring"),
                EmulatedArm.secretStore()))
                .isInstanceOf(Settings.SettingsException.class)
                .hasMessageContaining("ARM_AUTH");
    }

    @Test
    void refusesAnEndpointWithAPath() {
        assertThatThrownBy(() -> ArmGateways.fromSettings(settings(
                Setting.ARM_ENDPOINT.key(), "https://management.azure.com/subscriptions/x"), EmulatedArm.secretStore(),
                UNUSED))
                .isInstanceOf(Settings.SettingsException.class)
                .hasMessageContaining("ARM_ENDPOINT");
    }
}
