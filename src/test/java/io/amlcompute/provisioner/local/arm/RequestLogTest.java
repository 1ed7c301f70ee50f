package io.amlcompute.provisioner.local.arm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The request log keeps what a test needs to assert on how a client called the API. */
class RequestLogTest {

    private EmulatorSession session;

    @BeforeEach
    void start() {
        session = EmulatorSession.start();
    }

    @AfterEach
    void stop() {
        session.close();
    }

    @Test
    void recordsMethodPathQueryClientRequestIdStatusAndBody() {
        session.advance(Duration.ofSeconds(7));
        session.client.send("PUT", session.client.computePath("cpu-cluster") + "?" + ComputeApiClient.API_VERSION,
                ComputeBodies.amlCompute(), "x-ms-client-request-id", "c0ffee00-0000-4000-8000-000000000001",
                "x-ms-correlation-request-id", "c0ffee00-0000-4000-8000-0000000000cc");
        session.client.delete("cpu-cluster", "Delete");

        assertThat(session.emulator.requests()).hasSize(2);
        RecordedRequest put = session.emulator.requests().get(0);
        assertThat(put.method()).isEqualTo("PUT");
        assertThat(put.path()).isEqualTo(session.client.computePath("cpu-cluster"));
        assertThat(put.query()).isEqualTo(ComputeApiClient.API_VERSION);
        assertThat(put.clientRequestId()).isEqualTo("c0ffee00-0000-4000-8000-000000000001");
        assertThat(put.correlationRequestId()).isEqualTo("c0ffee00-0000-4000-8000-0000000000cc");
        assertThat(put.authorizationPresent()).isFalse();
        assertThat(put.status()).isEqualTo(201);
        assertThat(put.body()).contains("\"computeType\":\"AmlCompute\"");
        assertThat(put.receivedAt()).isEqualTo(EmulatorSession.START.plusSeconds(7));
        RecordedRequest delete = session.emulator.requests().get(1);
        assertThat(delete.query()).endsWith("underlyingResourceAction=Delete");
        assertThat(delete.status()).isEqualTo(409);
        assertThat(delete.body()).isEmpty();
    }

    @Test
    void echoesTheCallersCorrelationRequestIdAndMakesOneUpWithoutIt() {
        ComputeApiClient.Reply given = session.client.send("GET", session.client.computePath("cpu-cluster") + "?"
                + ComputeApiClient.API_VERSION, null, "x-ms-correlation-request-id",
                "c0ffee00-0000-4000-8000-0000000000cc");
        ComputeApiClient.Reply none = session.client.get("cpu-cluster");

        assertThat(given.header("x-ms-correlation-request-id")).contains("c0ffee00-0000-4000-8000-0000000000cc");
        assertThat(none.header("x-ms-correlation-request-id")).isPresent()
                .isEqualTo(none.header("x-ms-request-id"));
    }

    @Test
    void clearRequestsForgetsWhatWasRecorded() {
        session.client.list();

        session.emulator.clearRequests();
        session.client.get("cpu-cluster");

        assertThat(session.emulator.requests()).extracting(RecordedRequest::status).containsExactly(404);
    }
}
