package io.amlcompute.provisioner.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import com.microsoft.durabletask.DurableTaskClient;
import com.microsoft.durabletask.DurableTaskGrpcWorker;
import com.microsoft.durabletask.DurableTaskGrpcWorkerBuilder;
import com.microsoft.durabletask.NewOrchestrationInstanceOptions;
import com.microsoft.durabletask.TaskActivity;
import com.microsoft.durabletask.TaskActivityFactory;
import com.microsoft.durabletask.TaskOrchestration;
import com.microsoft.durabletask.TaskOrchestrationFactory;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.local.durable.DurableBackendOptions;
import io.amlcompute.provisioner.local.durable.DurableTaskBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The status API through the real Durable client against the embedded backend. The Functions host's HTTP types
 * are the mocked edge: a minimal response builder records what the function answers.
 */
class GetComputeRequestStatusTest {

    private DurableTaskBackend durable;
    private final GetComputeRequestStatus function = new GetComputeRequestStatus();

    @BeforeEach
    void start() throws Exception {
        durable = DurableTaskBackend.start(DurableBackendOptions.inMemory());
    }

    @AfterEach
    void stop() {
        durable.close();
    }

    @Test
    void unknownRequestIsA404() {
        Answer answer = call("never-sent");

        assertThat(answer.status()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(answer.json().path("error").path("code").asText()).isEqualTo("REQUEST_NOT_FOUND");
    }

    @Test
    void malformedRequestIdIsA400() {
        assertThat(call("bad id with spaces").status()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void runningRequestShowsItsProgress() {
        try (DurableTaskClient client = durable.clientContext().getClient()) {
            client.scheduleNewOrchestrationInstance("Anything", new NewOrchestrationInstanceOptions().setInstanceId("req-1"));
        }

        Answer answer = call("req-1");

        assertThat(answer.status()).isEqualTo(HttpStatus.OK);
        assertThat(answer.json().path("requestId").asText()).isEqualTo("req-1");
        assertThat(answer.json().path("runtimeStatus").asText()).isIn("PENDING", "RUNNING");
        assertThat(answer.json().has("event")).isFalse();
    }

    @Test
    void completedRequestShowsItsProgressAndItsEvent() throws Exception {
        JsonNode event = Json.MAPPER.readTree(
                "{\"specversion\":\"1.0\",\"type\":\"io.amlcompute.compute.ready\",\"id\":\"e-1\"}");
        TaskOrchestration orchestration = ctx -> {
            ctx.setCustomStatus(Json.MAPPER.createObjectNode().put("phase", "DONE").put("polls", 4));
            ctx.complete(event); // the orchestrator's output is the event's JSON object
        };
        DurableTaskGrpcWorker worker = new DurableTaskGrpcWorkerBuilder().port(durable.port())
                .addOrchestration(new TaskOrchestrationFactory() {
                    @Override
                    public String getName() {
                        return ProvisionComputeOrchestrator.NAME;
                    }

                    @Override
                    public TaskOrchestration create() {
                        return orchestration;
                    }
                }).build();
        worker.start();
        try (DurableTaskClient client = durable.clientContext().getClient()) {
            client.scheduleNewOrchestrationInstance(ProvisionComputeOrchestrator.NAME,
                    new NewOrchestrationInstanceOptions().setInstanceId("req-2"));
            client.waitForInstanceCompletion("req-2", Duration.ofSeconds(20), false);
        } finally {
            worker.close();
        }

        Answer answer = call("req-2");

        assertThat(answer.status()).isEqualTo(HttpStatus.OK);
        assertThat(answer.json().path("runtimeStatus").asText()).isEqualTo("COMPLETED");
        assertThat(answer.json().path("progress").path("polls").asInt()).isEqualTo(4);
        assertThat(answer.json().path("event").path("type").asText()).isEqualTo("io.amlcompute.compute.ready");
        assertThat(answer.json().has("failure")).as("a completed run has no failure").isFalse();
    }

    @Test
    void requestWhosePublishNeverSucceededShowsFailedWithThePublishFailure() throws Exception {
        // ADR 0004's one path without an event, in the shape the real orchestrator ends it in Azure (see
        // PublishFailureReplayTest): the publish failure in the custom status, and the orchestration failed with
        // the bare RuntimeException durabletask-azure-functions 1.4.0 wraps every orchestrator exception in.
        TaskOrchestration orchestration = ctx -> {
            try {
                ctx.callActivity(PublishCompletion.NAME, "{}", String.class).await();
            } catch (com.microsoft.durabletask.TaskFailedException e) {
                ctx.setCustomStatus(Json.MAPPER.createObjectNode().put("phase", "PUBLISHING")
                        .put("publishFailure", "PublishCompletion failed: " + e.getErrorDetails().getErrorType() + ": "
                                + e.getErrorDetails().getErrorMessage()));
                throw new RuntimeException("Unexpected failure in the task execution", e);
            }
            ctx.complete("unreachable");
        };
        DurableTaskGrpcWorker worker = new DurableTaskGrpcWorkerBuilder().port(durable.port())
                .addOrchestration(named(ProvisionComputeOrchestrator.NAME, orchestration))
                .addActivity(new TaskActivityFactory() {
                    @Override
                    public String getName() {
                        return PublishCompletion.NAME;
                    }

                    @Override
                    public TaskActivity create() {
                        return activity -> {
                            throw new IllegalStateException("Service Bus unreachable");
                        };
                    }
                }).build();
        worker.start();
        try (DurableTaskClient client = durable.clientContext().getClient()) {
            client.scheduleNewOrchestrationInstance(ProvisionComputeOrchestrator.NAME,
                    new NewOrchestrationInstanceOptions().setInstanceId("req-3"));
            client.waitForInstanceCompletion("req-3", Duration.ofSeconds(20), false);
        } finally {
            worker.close();
        }

        Answer answer = call("req-3");

        assertThat(answer.status()).isEqualTo(HttpStatus.OK);
        assertThat(answer.json().path("runtimeStatus").asText()).isEqualTo("FAILED");
        assertThat(answer.json().path("progress").path("phase").asText()).isEqualTo("PUBLISHING");
        assertThat(answer.json().has("event")).as("no event was published").isFalse();
        assertThat(answer.json().path("failure").path("type").asText()).isEqualTo("java.lang.RuntimeException");
        assertThat(answer.json().path("progress").path("publishFailure").asText())
                .contains(PublishCompletion.NAME).contains("Service Bus unreachable");
    }

    private static TaskOrchestrationFactory named(String name, TaskOrchestration orchestration) {
        return new TaskOrchestrationFactory() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public TaskOrchestration create() {
                return orchestration;
            }
        };
    }

    private Answer call(String requestId) {
        @SuppressWarnings("unchecked")
        HttpRequestMessage<Optional<String>> request = mock(HttpRequestMessage.class);
        Map<String, String> headers = new HashMap<>();
        HttpStatus[] status = new HttpStatus[1];
        Object[] body = new Object[1];
        when(request.createResponseBuilder(any(HttpStatus.class))).thenAnswer(invocation -> {
            status[0] = invocation.getArgument(0);
            return new HttpResponseMessage.Builder() {
                @Override
                public HttpResponseMessage.Builder status(HttpStatusType type) {
                    status[0] = (HttpStatus) type;
                    return this;
                }

                @Override
                public HttpResponseMessage.Builder header(String key, String value) {
                    headers.put(key, value);
                    return this;
                }

                @Override
                public HttpResponseMessage.Builder body(Object value) {
                    body[0] = value;
                    return this;
                }

                @Override
                public HttpResponseMessage build() {
                    return mock(HttpResponseMessage.class);
                }
            };
        });
        function.run(request, requestId, durable.clientContext(), mock(ExecutionContext.class));
        assertThat(headers).containsEntry("Content-Type", "application/json");
        return new Answer(status[0], String.valueOf(body[0]));
    }

    private record Answer(HttpStatus status, String body) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (Exception e) {
                throw new AssertionError(body, e);
            }
        }
    }
}
