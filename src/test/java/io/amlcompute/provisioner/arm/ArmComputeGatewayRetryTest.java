package io.amlcompute.provisioner.arm;

import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import io.amlcompute.provisioner.local.arm.FaultRule;
import io.amlcompute.provisioner.local.arm.RecordedRequest;
import io.amlcompute.provisioner.provisioning.ErrorKind;
import io.amlcompute.provisioner.provisioning.ProvisioningException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.amlcompute.provisioner.arm.EmulatedArm.address;
import static io.amlcompute.provisioner.arm.EmulatedArm.cluster;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every error class the gateway retries, injected by the emulator's fault rules over real HTTP. Waits are recorded by
 * the injected pause instead of slept, so the asserted waits are exactly what the gateway decided.
 */
class ArmComputeGatewayRetryTest {

    private static final String COMPUTE_PATH = ".*/computes/cpu-cluster";
    private static final String CORRELATION = "retry-test";

    private EmulatedArm arm;

    @AfterEach
    void stop() {
        if (arm != null) {
            arm.close();
        }
    }

    @Test
    void throttlingIsRetriedAfterTheRetryAfterArmAskedFor() {
        arm = EmulatedArm.start();
        arm.emulator.faults().add(FaultRule.on("PUT", COMPUTE_PATH).throttle(Duration.ofSeconds(7)).times(2));

        arm.gateway.create(address("cpu-cluster"), cluster("cpu-cluster", "STANDARD_DS3_V2", 0, 1), EmulatedArm.SETUP_MARK, CORRELATION);

        assertThat(arm.pauses).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(7));
        assertThat(arm.computeRequests()).extracting(RecordedRequest::status).containsExactly(429, 429, 201);
        // Retries are the same call: one client request id, as the SDKs' RequestIdPolicy before their retry policy.
        assertThat(arm.computeRequests()).extracting(RecordedRequest::clientRequestId)
                .containsOnly(arm.computeRequests().get(0).clientRequestId());
        ArmComputeGatewayTest.assertGuid(arm.computeRequests().get(0).clientRequestId());
    }

    @Test
    void throttlingBeyondTheCapSurfacesAtOnceAsThrottledWithTheFullRetryAfter() {
        arm = EmulatedArm.start();
        arm.emulator.faults().add(FaultRule.on("GET", COMPUTE_PATH).throttle(Duration.ofSeconds(1200)).times(1));

        ProvisioningException e = catchThrowableOfType(ProvisioningException.class,
                () -> arm.gateway.get(address("cpu-cluster"), CORRELATION));

        assertThat(e.kind()).isEqualTo(ErrorKind.THROTTLED);
        assertThat(e.code()).isEqualTo("SubscriptionRequestsThrottled");
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1200));
        assertThat(arm.pauses).isEmpty();
        assertThat(arm.requests()).hasSize(1);
    }

    @Test
    void throttlingThatNeverEndsSurfacesAfterTheLastAttempt() {
        arm = EmulatedArm.start();
        arm.emulator.faults().add(FaultRule.on("GET", COMPUTE_PATH).throttle(Duration.ofSeconds(2)).always());

        ProvisioningException e = catchThrowableOfType(ProvisioningException.class,
                () -> arm.gateway.get(address("cpu-cluster"), CORRELATION));

        assertThat(e.kind()).isEqualTo(ErrorKind.THROTTLED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(arm.requests()).hasSize(4);
        assertThat(arm.pauses).hasSize(3);
    }

    @Test
    void serverErrorsAreRetriedWithBackoffThenSucceed() {
        arm = EmulatedArm.start();
        arm.emulator.faults().add(FaultRule.on("PUT", COMPUTE_PATH).serverError(500).times(1));
        arm.emulator.faults().add(FaultRule.on("PUT", COMPUTE_PATH).serverError(503).times(1));

        arm.gateway.create(address("cpu-cluster"), cluster("cpu-cluster", "STANDARD_DS3_V2", 0, 1), EmulatedArm.SETUP_MARK, CORRELATION);

        assertThat(arm.computeRequests()).extracting(RecordedRequest::status).containsExactly(500, 503, 201);
        assertThat(arm.pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void attemptsAreBoundedAndTheLastServerErrorSurfacesAsTransient() {
        arm = EmulatedArm.start();
        arm.emulator.faults().add(FaultRule.on("*", COMPUTE_PATH).serverError(503).always());

        ProvisioningException e = catchThrowableOfType(ProvisioningException.class,
                () -> arm.gateway.get(address("cpu-cluster"), CORRELATION));

        assertThat(e.kind()).isEqualTo(ErrorKind.TRANSIENT);
        assertThat(e.code()).isEqualTo("ServiceUnavailable");
        assertThat(arm.requests()).hasSize(4);
        assertThat(arm.pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void aDroppedConnectionIsRetriedThenSucceeds() {
        arm = EmulatedArm.start();
        arm.emulator.faults().add(FaultRule.on("GET", COMPUTE_PATH).dropConnection().times(1));

        assertThat(arm.gateway.get(address("cpu-cluster"), CORRELATION)).isEmpty();

        assertThat(arm.requests()).extracting(RecordedRequest::status)
                .containsExactly(RecordedRequest.CONNECTION_DROPPED, 404);
        assertThat(arm.pauses).hasSize(1);
    }

    @Test
    void connectionsDroppedOnEveryAttemptSurfaceAsTransient() {
        arm = EmulatedArm.start();
        arm.emulator.faults().add(FaultRule.on("*", COMPUTE_PATH).dropConnection().always());

        ProvisioningException e = catchThrowableOfType(ProvisioningException.class, () -> arm.gateway.create(
                address("cpu-cluster"), EmulatedArm.fullCluster("cpu-cluster"), EmulatedArm.SETUP_MARK, CORRELATION));

        assertThat(e.kind()).isEqualTo(ErrorKind.TRANSIENT);
        assertThat(e.code()).isEqualTo("ArmUnreachable");
        assertThat(arm.computeRequests()).hasSize(4).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(RecordedRequest.CONNECTION_DROPPED);
            assertThat(r.body()).contains("[REDACTED]");
        });
        ArmComputeGatewayTest.assertNoSecretIn(e);
    }

    @Test
    void aResponseTimeoutIsTransientAndRetried() {
        arm = EmulatedArm.start(emulator -> {
        }, gateway -> gateway.httpClient(new NettyAsyncHttpClientBuilder()
                .responseTimeout(Duration.ofSeconds(1)).build()));
        arm.emulator.faults().add(FaultRule.on("GET", COMPUTE_PATH).delay(Duration.ofSeconds(30)).times(1));

        assertThat(arm.gateway.get(address("cpu-cluster"), CORRELATION)).isEmpty();

        assertThat(arm.pauses).first().isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aSingleAttemptSettingDisablesRetries() {
        arm = EmulatedArm.start(emulator -> {
        }, gateway -> gateway.retry(new RetrySettings(1, Duration.ofSeconds(1), Duration.ofSeconds(8),
                Duration.ofSeconds(30), RetrySettings.Pause.SLEEP)));
        arm.emulator.faults().add(FaultRule.on("GET", COMPUTE_PATH).serverError(500).times(1));

        ProvisioningException e = catchThrowableOfType(ProvisioningException.class,
                () -> arm.gateway.get(address("cpu-cluster"), CORRELATION));

        assertThat(e.kind()).isEqualTo(ErrorKind.TRANSIENT);
        assertThat(arm.requests()).hasSize(1);
    }
}
