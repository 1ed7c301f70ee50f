package io.amlcompute.provisioner.local.host;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.StringValue;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ActivityRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.CompleteOrchestrationAction;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.GetWorkItemsRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.HistoryEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationStatus;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorAction;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.WorkItem;
import com.microsoft.durabletask.implementation.protobuf.TaskHubSidecarServiceGrpc;
import com.microsoft.durabletask.implementation.protobuf.TaskHubSidecarServiceGrpc.TaskHubSidecarServiceBlockingStub;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.local.host.worker.InvocationResult;
import io.amlcompute.provisioner.local.host.worker.TypedData;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The orchestrator and activity functions, run as the Durable extension runs them for a Java app: the extension
 * takes work items from the task hub and invokes the functions through the worker; the Java code never talks to
 * the task hub itself. Here the work items come from the local Durable backend's gRPC service (the one the
 * Durable client also speaks), one stream per connection, each stream one item at a time.
 *
 * <ul>
 *   <li>An orchestrator turn is invoked with its {@code OrchestratorRequest}, protobuf, base64, as a {@code string}
 *       trigger value and no trigger metadata; the worker's durabletask {@code OrchestrationMiddleware} runs the
 *       function and answers the base64 {@code OrchestratorResponse} as the return value. A failed or empty
 *       invocation fails the orchestration with "Function '&lt;name&gt;' failed with an unhandled exception."
 *       (Azure/azure-functions-durable-extension v2.13.7, {@code OutOfProcMiddleware.CallOrchestratorAsync},
 *       {@code Bindings/OrchestrationTriggerAttributeBindingProvider.cs}).</li>
 *   <li>An activity is invoked as {@link DurableActivityBinding} describes.</li>
 *   <li>A work item for a function the app does not have fails as the extension fails it.</li>
 * </ul>
 */
final class DurableWorkItems implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DurableWorkItems.class.getName());
    private static final long RECONNECT_MILLIS = 1_000;

    private final List<Stream> streams;

    private DurableWorkItems(List<Stream> streams) {
        this.streams = streams;
    }

    /** Opens {@code streamCount} work item streams on the backend at {@code port}; none without Durable functions. */
    static DurableWorkItems start(int port, int streamCount, List<FunctionDefinition> functions, FunctionRunner runner) {
        Map<String, FunctionDefinition> orchestrators = byName(functions, TriggerBinding.Orchestration.class);
        Map<String, FunctionDefinition> activities = byName(functions, TriggerBinding.Activity.class);
        List<Stream> streams = new ArrayList<>();
        if (orchestrators.isEmpty() && activities.isEmpty()) {
            return new DurableWorkItems(streams);
        }
        for (int i = 1; i <= streamCount; i++) {
            Stream stream = new Stream(port, orchestrators, activities, runner, "durable-work-items-" + i);
            streams.add(stream);
            stream.thread.start();
        }
        return new DurableWorkItems(streams);
    }

    private static Map<String, FunctionDefinition> byName(List<FunctionDefinition> functions, Class<?> trigger) {
        return functions.stream().filter(f -> trigger.isInstance(f.trigger()))
                .collect(Collectors.toMap(FunctionDefinition::name, Function.identity()));
    }

    @Override
    public void close() {
        streams.forEach(Stream::stop);
        for (Stream stream : streams) {
            try {
                stream.thread.join(TimeUnit.SECONDS.toMillis(10));
                if (stream.thread.isAlive()) {
                    LOG.log(Level.WARNING, "{0} did not stop within 10 s", stream.thread.getName());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One connection to the backend and its GetWorkItems stream, served on one thread. */
    private static final class Stream {
        private final int port;
        private final Map<String, FunctionDefinition> orchestrators;
        private final Map<String, FunctionDefinition> activities;
        private final FunctionRunner runner;
        private final Thread thread;
        private volatile boolean stopped;
        private volatile ManagedChannel channel;

        Stream(int port, Map<String, FunctionDefinition> orchestrators, Map<String, FunctionDefinition> activities,
               FunctionRunner runner, String name) {
            this.port = port;
            this.orchestrators = orchestrators;
            this.activities = activities;
            this.runner = runner;
            this.thread = new Thread(this::serve, name);
            this.thread.setDaemon(true);
        }

        private void serve() {
            while (!stopped) {
                channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
                try {
                    TaskHubSidecarServiceBlockingStub sidecar = TaskHubSidecarServiceGrpc.newBlockingStub(channel);
                    Iterator<WorkItem> items = sidecar.getWorkItems(GetWorkItemsRequest.newBuilder().build());
                    while (!stopped && items.hasNext()) {
                        handle(sidecar, items.next());
                    }
                } catch (StatusRuntimeException e) {
                    if (!stopped) {
                        LOG.log(Level.FINE, "work item stream ended, reconnecting: {0}", e.getStatus());
                        pause();
                    }
                } finally {
                    channel.shutdownNow();
                }
            }
        }

        private void handle(TaskHubSidecarServiceBlockingStub sidecar, WorkItem item) {
            if (item.hasOrchestratorRequest()) {
                sidecar.completeOrchestratorTask(orchestratorTurn(item.getOrchestratorRequest()));
            } else if (item.hasActivityRequest()) {
                sidecar.completeActivityTask(activity(item.getActivityRequest()));
            }
        }

        private OrchestratorResponse orchestratorTurn(OrchestratorRequest request) {
            String name = orchestrationName(request);
            FunctionDefinition function = orchestrators.get(name);
            if (function == null) {
                return failed(request, "The function '" + name + "' doesn't exist, is disabled, or is not an"
                        + " orchestrator function.", null);
            }
            String base64 = Base64.getEncoder().encodeToString(request.toByteArray());
            InvocationResult result = runner.run(function, new TypedData.Text(base64), Map.of());
            if (result instanceof InvocationResult.Success success && success.returnValue() instanceof TypedData.Text text
                    && !text.value().isEmpty()) {
                try {
                    return OrchestratorResponse.parseFrom(Base64.getDecoder().decode(text.value()));
                } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
                    return failed(request, "Function '" + name + "' failed with an unhandled exception.", e.toString());
                }
            }
            String details = result instanceof InvocationResult.Failure failure ? failure.hostExceptionMessage()
                    : "The function invocation resulted in a null response.";
            return failed(request, "Function '" + name + "' failed with an unhandled exception.", details);
        }

        /**
         * {@code OrchestratorExecutionResult.ForFailure}: the orchestration fails with a JSON output holding the
         * message and the details, without failure details.
         */
        private static OrchestratorResponse failed(OrchestratorRequest request, String message, String details) {
            var output = Json.MAPPER.createObjectNode().put("message", message).put("details", details);
            CompleteOrchestrationAction complete = CompleteOrchestrationAction.newBuilder()
                    .setOrchestrationStatus(OrchestrationStatus.ORCHESTRATION_STATUS_FAILED)
                    .setResult(StringValue.of(output.toString())).build();
            return OrchestratorResponse.newBuilder().setInstanceId(request.getInstanceId())
                    .addActions(OrchestratorAction.newBuilder().setId(-1).setCompleteOrchestration(complete)).build();
        }

        private com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ActivityResponse activity(
                ActivityRequest request) {
            FunctionDefinition function = activities.get(request.getName());
            if (function == null) {
                return DurableActivityBinding.response(request, new InvocationResult.Failure("(unknown): The function '"
                        + request.getName() + "' doesn't exist, is disabled, or is not an activity function.", ""));
            }
            InvocationResult result = runner.run(function, DurableActivityBinding.triggerValue(request),
                    DurableActivityBinding.triggerMetadata(request, function.trigger().name()));
            return DurableActivityBinding.response(request, result);
        }

        private static String orchestrationName(OrchestratorRequest request) {
            return java.util.stream.Stream.concat(request.getPastEventsList().stream(), request.getNewEventsList().stream())
                    .filter(HistoryEvent::hasExecutionStarted)
                    .map(event -> event.getExecutionStarted().getName())
                    .findFirst().orElse("");
        }

        private void pause() {
            try {
                Thread.sleep(RECONNECT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = true;
            }
        }

        void stop() {
            stopped = true;
            ManagedChannel current = channel;
            if (current != null) {
                current.shutdownNow();
            }
            thread.interrupt();
        }
    }
}
