package io.amlcompute.provisioner.local.arm;

import static io.amlcompute.provisioner.local.arm.ComputeBodies.amlCompute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.amlcompute.provisioner.local.arm.ComputeApiClient.Reply;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Injected faults: throttling, server errors, dropped connections, lost answers and slow answers, matched by method
 * and path.
 */
class FaultRulesTest {

    private static final String ANY_COMPUTE = "/subscriptions/.+/computes/[^/]+";

    private EmulatorSession session;

    @BeforeEach
    void start() {
        session = EmulatorSession.start();
    }

    @AfterEach
    void stop() {
        session.close();
    }

    private List<Integer> statuses() {
        return session.emulator.requests().stream().map(RecordedRequest::status).toList();
    }

    @Test
    void throttlesWith429RetryAfterAndTheRemainingReadsHeader() {
        session.emulator.faults().add(FaultRule.on("GET", ANY_COMPUTE).throttle(Duration.ofSeconds(3)).times(1));

        Reply throttled = session.client.get("cpu-cluster");

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).contains("3");
        assertThat(throttled.header("x-ms-ratelimit-remaining-subscription-reads")).contains("0");
        assertThat(throttled.errorCode()).isEqualTo("SubscriptionRequestsThrottled");
        assertThat(session.client.get("cpu-cluster").status()).isEqualTo(404);
    }

    @Test
    void answersWithAnyArmErrorItIsGivenInsteadOfServingTheRequest() {
        session.emulator.faults().add(FaultRule.on("PUT", ANY_COMPUTE)
                .error(400, "QuotaExceeded", "Operation results in exceeding quota limits of Core.").times(1));

        Reply refused = session.client.put("cpu-cluster", amlCompute());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("QuotaExceeded");
        assertThat(refused.json().path("error").path("message").asText())
                .isEqualTo("Operation results in exceeding quota limits of Core.");
        assertThat(session.client.get("cpu-cluster").status()).isEqualTo(404);
        assertThat(statuses()).containsExactly(400, 404);
    }

    @Test
    void throttledWritesAlsoReportRemainingWrites() {
        session.emulator.faults().add(FaultRule.on("PUT", ANY_COMPUTE).throttle(Duration.ofMillis(1500)));

        Reply throttled = session.client.put("cpu-cluster", amlCompute());

        assertThat(throttled.header("Retry-After")).contains("2");
        assertThat(throttled.header("x-ms-ratelimit-remaining-subscription-writes")).contains("0");
        assertThat(session.client.get("cpu-cluster").status()).isEqualTo(404);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"500, InternalServerError", "503, ServiceUnavailable"})
    void answersServerErrorsWithTheArmEnvelope(int status, String code) {
        session.emulator.faults().add(FaultRule.on("*", ".*").serverError(status).times(2));

        assertThat(session.client.list().status()).isEqualTo(status);
        Reply second = session.client.put("cpu-cluster", amlCompute());
        assertThat(second.status()).isEqualTo(status);
        assertThat(second.errorCode()).isEqualTo(code);
        assertThat(second.json().path("error").path("details").isArray()).isTrue();
        assertThat(session.client.list().status()).isEqualTo(200);
        assertThat(statuses()).containsExactly(status, status, 200);
    }

    @Test
    void faultedWritesChangeNothing() {
        session.emulator.faults().add(FaultRule.on("PUT", ANY_COMPUTE).serverError(503).times(1));

        session.client.put("cpu-cluster", amlCompute());

        assertThat(session.client.get("cpu-cluster").status()).isEqualTo(404);
    }

    @Test
    void dropsTheConnectionWithoutAnAnswer() {
        session.emulator.faults().add(FaultRule.on("GET", ANY_COMPUTE).dropConnection().always());

        assertThatThrownBy(() -> session.client.get("cpu-cluster")).isInstanceOf(UncheckedIOException.class);

        session.emulator.faults().clear();
        assertThat(session.client.get("cpu-cluster").status()).isEqualTo(404);
        assertThat(statuses()).startsWith(RecordedRequest.CONNECTION_DROPPED).endsWith(404);
    }

    @Test
    void losesTheAnswerToAPutItCarriedOut() {
        session.emulator.faults().add(FaultRule.on("PUT", ANY_COMPUTE).loseResponse().times(1));

        assertThatThrownBy(() -> session.client.put("cpu-cluster", amlCompute()))
                .isInstanceOf(UncheckedIOException.class);

        assertThat(session.client.get("cpu-cluster").provisioningState()).isEqualTo("Creating");
        assertThat(statuses()).containsExactly(RecordedRequest.RESPONSE_LOST, 200);
        assertThat(session.client.put("cpu-cluster", amlCompute()).status()).as("stored: a second PUT conflicts")
                .isEqualTo(409);
    }

    @Test
    void delaysTheAnswerThenAnswersNormally() {
        session.emulator.faults().add(FaultRule.on("GET", ANY_COMPUTE).delay(Duration.ofMillis(200)).times(1));

        Reply reply = session.client.get("cpu-cluster");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.errorCode()).isEqualTo("ResourceNotFound");
    }

    @Test
    void aSlowAnswerOutlastsAClientTimeout() {
        session.emulator.faults().add(FaultRule.on("GET", ANY_COMPUTE).delay(Duration.ofMinutes(5)).times(1));
        HttpRequest request = HttpRequest.newBuilder(URI.create(session.emulator.endpoint()
                        + session.client.computePath("cpu-cluster") + "?" + ComputeApiClient.API_VERSION))
                .timeout(Duration.ofMillis(100)).GET().build();

        assertThatThrownBy(() -> HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void onlyMatchingRequestsAreFaulted() {
        session.emulator.faults().add(FaultRule.on("PUT", ".*/computes/gpu-cluster").serverError(500));

        assertThat(session.client.put("cpu-cluster", amlCompute()).status()).isEqualTo(201);
        assertThat(session.client.get("gpu-cluster").status()).isEqualTo(404);
        assertThat(session.client.put("gpu-cluster", amlCompute()).status()).isEqualTo(500);
        assertThat(session.client.put("gpu-cluster", amlCompute()).status()).isEqualTo(500);
    }

    @Test
    void aLimitedRuleDisappearsOnceUsedUp() {
        session.emulator.faults().add(FaultRule.on("GET", ".*").serverError(500).times(1));
        session.emulator.faults().add(FaultRule.on("PUT", ".*").serverError(500).always());

        session.client.list();

        assertThat(session.emulator.faults().active()).extracting(FaultRule::method).containsExactly("PUT");
    }
}
