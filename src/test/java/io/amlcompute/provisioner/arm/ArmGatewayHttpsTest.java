package io.amlcompute.provisioner.arm;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import io.amlcompute.provisioner.local.ManualClock;
import io.amlcompute.provisioner.local.arm.ArmEmulator;
import io.amlcompute.provisioner.local.arm.RecordedRequest;
import io.amlcompute.provisioner.provisioning.ComputeResource;
import io.amlcompute.provisioner.provisioning.ErrorKind;
import io.amlcompute.provisioner.provisioning.ProvisioningException;
import io.amlcompute.provisioner.provisioning.UnderlyingResourceAction;
import io.amlcompute.provisioner.secrets.SelfSignedTls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.amlcompute.provisioner.arm.EmulatedArm.address;
import static io.amlcompute.provisioner.arm.EmulatedArm.cluster;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The production auth path: HTTPS (a self-signed certificate made in the test, trusted by this gateway's client only),
 * azure-core-management's ARM challenge policy and a real {@link TokenCredential}, against the emulator requiring
 * that bearer token. And the guard rails: no token over http, no unauthenticated call off loopback.
 */
class ArmGatewayHttpsTest {

    private static final String TOKEN = "arm-access-token-for-test";

    private ArmEmulator emulator;
    private final List<String> scopesAsked = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    private ArmEmulator startHttpsEmulator() throws IOException {
        return ArmEmulator.builder()
                .clock(new ManualClock(EmulatedArm.START))
                .workspace(EmulatedArm.SUBSCRIPTION, EmulatedArm.WORKSPACE.resourceGroup(),
                        EmulatedArm.WORKSPACE.workspaceName(), EmulatedArm.LOCATION)
                .provisioningTime(Duration.ZERO)
                .nodeAllocationTime(Duration.ZERO)
                .https(SelfSignedTls.get().serverContext())
                .requireBearerToken(TOKEN)
                .start();
    }

    private TokenCredential credential(String token) {
        return context -> {
            scopesAsked.addAll(context.getScopes());
            return Mono.just(new AccessToken(token, OffsetDateTime.now().plusHours(1)));
        };
    }

    private ArmComputeGateway gateway(String token) {
        return ArmComputeGateway.builder()
                .endpoint(emulator.endpoint())
                .credential(credential(token))
                .httpClient(SelfSignedTls.get().trustingHttpClient())
                .secretResolver(EmulatedArm.secretStore())
                .retry(RetrySettings.defaults().withPause(d -> {
                }))
                .build();
    }

    @Test
    void callsArmOverHttpsWithABearerTokenForTheEndpointsScope() throws IOException {
        emulator = startHttpsEmulator();
        ArmComputeGateway gateway = gateway(TOKEN);

        assertThat(gateway.get(address("cpu-cluster"), "tls-1")).isEmpty();
        gateway.create(address("cpu-cluster"), cluster("cpu-cluster", "STANDARD_DS3_V2", 0, 1), EmulatedArm.SETUP_MARK, "tls-2");
        ComputeResource created = gateway.get(address("cpu-cluster"), "tls-3").orElseThrow();
        assertThat(gateway.delete(address("cpu-cluster"), UnderlyingResourceAction.DELETE, "tls-4")).isTrue();

        assertThat(emulator.endpoint().getScheme()).isEqualTo("https");
        assertThat(created.status().provisioningState()).isEqualTo("Succeeded");
        // The create reads the workspace's region first (Workspaces_Get, 200).
        assertThat(emulator.requests()).extracting(RecordedRequest::status).containsExactly(404, 200, 201, 200, 202);
        assertThat(emulator.requests()).allSatisfy(request -> assertThat(request.authorizationPresent()).isTrue());
        assertThat(emulator.requests()).extracting(RecordedRequest::correlationRequestId)
                .containsExactly(ArmCallIds.correlationRequestId("tls-1"), ArmCallIds.correlationRequestId("tls-2"),
                        ArmCallIds.correlationRequestId("tls-2"), ArmCallIds.correlationRequestId("tls-3"),
                        ArmCallIds.correlationRequestId("tls-4"));
        assertThat(scopesAsked).isNotEmpty().containsOnly(emulator.endpoint() + "/.default");
    }

    @Test
    void aTokenArmRejectsIsUnauthorized() throws IOException {
        emulator = startHttpsEmulator();

        ProvisioningException e = catchThrowableOfType(ProvisioningException.class,
                () -> gateway("some-other-token").get(address("cpu-cluster"), "tls-5"));

        assertThat(e.kind()).isEqualTo(ErrorKind.UNAUTHORIZED);
        assertThat(e.getMessage()).doesNotContain("some-other-token");
    }

    @Test
    void refusesToSendATokenOverHttp() {
        assertThatThrownBy(() -> ArmComputeGateway.builder()
                .endpoint(URI.create("http://127.0.0.1:8080"))
                .credential(credential(TOKEN))
                .secretResolver(EmulatedArm.secretStore())
                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("https");
    }

    @Test
    void refusesUnauthenticatedCallsToAnEndpointThatIsNotLoopback() {
        for (String endpoint : List.of("https://management.azure.com", "http://10.0.0.5:8080",
                "http://127.0.0.1.nip.io:8080", "http://localhost.example.com")) {
            assertThatThrownBy(() -> ArmComputeGateway.builder()
                    .endpoint(URI.create(endpoint))
                    .withoutAuthentication()
                    .secretResolver(EmulatedArm.secretStore())
                    .build())
                    .as(endpoint)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("loopback");
        }
        for (String endpoint : List.of("http://127.0.0.1:8080", "http://[::1]:8080", "http://localhost:8080",
                "https://LOCALHOST:8443")) {
            assertThat(ArmComputeGateway.builder()
                    .endpoint(URI.create(endpoint))
                    .withoutAuthentication()
                    .secretResolver(EmulatedArm.secretStore())
                    .build()).as(endpoint).isNotNull();
        }
    }

    @Test
    void needsExactlyOneAuthMode() {
        assertThatThrownBy(() -> ArmComputeGateway.builder()
                .endpoint(URI.create("https://management.azure.com"))
                .secretResolver(EmulatedArm.secretStore())
                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("auth mode");
        assertThatThrownBy(() -> ArmComputeGateway.builder()
                .endpoint(URI.create("https://127.0.0.1:8443"))
                .credential(credential(TOKEN))
                .withoutAuthentication()
                .secretResolver(EmulatedArm.secretStore())
                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("auth mode");
    }
}
