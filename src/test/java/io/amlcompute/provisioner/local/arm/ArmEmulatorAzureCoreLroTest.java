package io.amlcompute.provisioner.local.arm;

import static io.amlcompute.provisioner.local.arm.ComputeBodies.amlCompute;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.rest.Response;
import com.azure.core.http.rest.SimpleResponse;
import com.azure.core.management.polling.PollResult;
import com.azure.core.management.polling.SyncPollerFactory;
import com.azure.core.management.serializer.SerializerFactory;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.SyncPoller;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The emulator's LROs as azure-core-management's ARM poller (what generated ARM SDKs and the project's gateway rely
 * on) sees them: PUT, PATCH and DELETE complete, a quota failure fails the poll. One poll per clock step.
 */
class ArmEmulatorAzureCoreLroTest {

    private EmulatorSession session;
    private HttpPipeline pipeline;

    @BeforeEach
    void start() {
        // No Retry-After: the poller then uses its own short interval instead of waiting a second per poll.
        session = EmulatorSession.start(b -> b.retryAfter(Duration.ZERO).quotaExceededFor("STANDARD_NC6"));
        pipeline = new HttpPipelineBuilder().build();
    }

    @AfterEach
    void stop() {
        session.close();
    }

    private Supplier<Response<BinaryData>> call(HttpMethod method, String name, String query, String body) {
        return () -> {
            HttpRequest request = new HttpRequest(method, session.emulator.endpoint()
                    + session.client.computePath(name) + "?" + ComputeApiClient.API_VERSION + query);
            if (body != null) {
                request.setBody(BinaryData.fromString(body)).setHeader(HttpHeaderName.CONTENT_TYPE, "application/json");
            }
            HttpResponse response = pipeline.sendSync(request, Context.NONE);
            return new SimpleResponse<>(request, response.getStatusCode(), response.getHeaders(),
                    response.getBodyAsBinaryData());
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private SyncPoller<PollResult<Map>, Map> poller(Supplier<Response<BinaryData>> activation) {
        return (SyncPoller) SyncPollerFactory.create(SerializerFactory.createDefaultManagementSerializerAdapter(),
                pipeline, Map.class, Map.class, Duration.ofMillis(10), activation);
    }

    @Test
    @SuppressWarnings("rawtypes")
    void putCompletesWithTheProvisionedCompute() {
        SyncPoller<PollResult<Map>, Map> poller = poller(call(HttpMethod.PUT, "cpu-cluster", "", amlCompute()));

        assertThat(poller.poll().getStatus()).isEqualTo(LongRunningOperationStatus.IN_PROGRESS);
        session.advance(Duration.ofSeconds(10));
        assertThat(poller.poll().getStatus()).isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);

        Map compute = poller.getFinalResult();
        assertThat(((Map) compute.get("properties")).get("provisioningState")).isEqualTo("Succeeded");
    }

    @Test
    void patchAndDeleteComplete() {
        session.client.put("cpu-cluster", amlCompute());
        session.advance(Duration.ofSeconds(10));

        var patch = poller(call(HttpMethod.PATCH, "cpu-cluster", "", ComputeBodies.scaleTo(1, 2)));
        assertThat(patch.poll().getStatus()).isEqualTo(LongRunningOperationStatus.IN_PROGRESS);
        session.advance(Duration.ofSeconds(5));
        assertThat(patch.poll().getStatus()).isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);

        var delete = poller(call(HttpMethod.DELETE, "cpu-cluster", "&underlyingResourceAction=Delete", null));
        assertThat(delete.poll().getStatus()).isEqualTo(LongRunningOperationStatus.IN_PROGRESS);
        session.advance(Duration.ofSeconds(5));
        assertThat(delete.poll().getStatus()).isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
        delete.getFinalResult();
        assertThat(session.client.get("cpu-cluster").status()).isEqualTo(404);
    }

    @Test
    void aQuotaFailureFailsThePoll() {
        var poller = poller(call(HttpMethod.PUT, "gpu-cluster", "", amlCompute("STANDARD_NC6", 0, 1)));
        poller.poll();
        session.advance(Duration.ofSeconds(10));

        var last = poller.poll();

        assertThat(last.getStatus()).isEqualTo(LongRunningOperationStatus.FAILED);
        // The poller's own message is generic; the operation status body it keeps carries the ARM error.
        assertThat(last.getValue().getError().getResponseBody()).contains("QuotaExceeded",
                "exceeding quota limits of Core");
    }
}
