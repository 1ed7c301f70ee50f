package io.amlcompute.provisioner.functions;

import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.StringValue;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.durabletask.DurableTaskClient;
import com.microsoft.durabletask.OrchestrationMetadata;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ExecutionStartedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.HistoryEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationInstance;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorAction;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorStartedEvent;
import io.amlcompute.provisioner.config.EntityNames;
import io.amlcompute.provisioner.config.Settings;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.events.ServiceBusClients;
import io.amlcompute.provisioner.local.arm.ArmEmulator;
import io.amlcompute.provisioner.local.durable.DurableBackendOptions;
import io.amlcompute.provisioner.local.durable.DurableTaskBackend;
import io.amlcompute.provisioner.local.durable.LocalDurableClientContext;
import io.amlcompute.provisioner.local.host.worker.Invocation;
import io.amlcompute.provisioner.local.host.worker.InvocationResult;
import io.amlcompute.provisioner.local.host.worker.JavaWorker;
import io.amlcompute.provisioner.local.host.worker.RpcHttp;
import io.amlcompute.provisioner.local.host.worker.TypedData;
import io.amlcompute.provisioner.local.host.worker.WorkerFunction;
import io.amlcompute.provisioner.provisioning.ProvisioningInput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every function of the app, invoked with inputs shaped exactly as the real Functions host sends them
 * ({@code src/test/resources/golden/<Function>/*.json}, written from the rules and sources in
 * docs/local/functions-host.md), through the model of the Java worker, against the real app over the emulators.
 * A fixture says what the app must answer; a message with none of the optional properties must be answered too.
 */
class GoldenInvocationsTest {

    private static final Path GOLDEN = golden();
    private static final JavaWorker WORKER = new JavaWorker(GoldenInvocationsTest.class.getClassLoader());
    private static final Logger LOG = Logger.getLogger("Function.golden");

    /** What a Service Bus message always carries (extension 5.x): everything else may be missing. */
    private static final Set<String> ALWAYS_PRESENT = Set.of("MessageReceiver", "MessageSession", "MessageActions",
            "SessionActions", "ReceiveActions", "Client", "DeliveryCount", "LockToken", "ExpiresAtUtc", "ExpiresAt",
            "EnqueuedTimeUtc", "EnqueuedTime", "SequenceNumber", "UserProperties", "ApplicationProperties");

    private static AppOverEmulators stack;
    private static DurableTaskBackend durable;
    private static ProvisionerApp previous;

    @BeforeAll
    static void start() throws IOException {
        stack = AppOverEmulators.start(ArmEmulator.builder()
                .workspace("11111111-2222-3333-4444-555555555555", "rg-ml-demo", "mlw-demo", "westeurope")
                .provisioningTime(Duration.ofSeconds(30)));
        durable = DurableTaskBackend.start(DurableBackendOptions.inMemory());
        previous = ProvisionerApp.instance();
        ProvisionerApp.install(stack.app); // as the host provides app settings before it invokes functions
    }

    @AfterAll
    static void stop() {
        ProvisionerApp.install(previous);
        durable.close();
        stack.close();
    }

    @Test
    void theTriggerBindsOnlyMetadataThatEveryMessageCarries() {
        WorkerFunction submit = function(SubmitComputeRequest.NAME);

        assertThat(submit.parameters()).filteredOn(p -> p instanceof WorkerFunction.Param.Metadata)
                .extracting(p -> ((WorkerFunction.Param.Metadata) p).name())
                .isNotEmpty().allMatch(ALWAYS_PRESENT::contains);
        // ...and as String, which the worker binds from any kind, even when a JSON body shadows the value.
        assertThat(submit.parameters()).filteredOn(p -> p instanceof WorkerFunction.Param.Metadata)
                .allMatch(p -> p.type() == String.class);
    }

    @TestFactory
    Stream<DynamicTest> everyFixtureIsAnsweredAsItSays() throws IOException {
        List<Path> fixtures;
        try (Stream<Path> files = Files.walk(GOLDEN)) {
            fixtures = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(fixtures).extracting(f -> f.getParent().getFileName().toString()).containsAll(List.of(
                SubmitComputeRequest.NAME, PerformComputeAction.NAME, ReadComputeStatus.NAME, PublishCompletion.NAME,
                PublishReply.NAME, CleanUpCompute.NAME, FindLeaseHolders.NAME, ProvisionComputeOrchestrator.NAME,
                GetComputeRequestStatus.NAME, AnswerUndeliverableRequests.NAME));
        return fixtures.stream().map(file -> DynamicTest.dynamicTest(GOLDEN.relativize(file).toString(),
                () -> run(file.getParent().getFileName().toString(), Json.MAPPER.readTree(file.toFile()))));
    }

    private static void run(String functionName, JsonNode fixture) throws Exception {
        Map<String, String> placeholders = placeholders(fixture);
        Invocation invocation = Invocation.of(functionName, typedData(fixture.path("inputData"), placeholders),
                typedData(fixture.path("triggerMetadata"), placeholders));

        InvocationResult result = WORKER.invoke(function(functionName), invocation, LOG);

        JsonNode expect = fixture.path("expect");
        if (expect.path("status").asText().equals("Failure")) {
            assertThat(result).isInstanceOf(InvocationResult.Failure.class);
            assertThat(((InvocationResult.Failure) result).message()).contains(expect.path("failureMessageContains").asText());
            return;
        }
        assertThat(result).as("%s", result).isInstanceOf(InvocationResult.Success.class);
        TypedData returned = ((InvocationResult.Success) result).returnValue();
        checkReturnValue(expect, returned);
        checkEffects(expect, returned);
    }

    private static void checkReturnValue(JsonNode expect, TypedData returned) throws Exception {
        switch (expect.path("returnKind").asText("none")) {
            case "none" -> assertThat(returned).as("no $return for this function").isNull();
            case "json" -> checkPointers(expect, Json.MAPPER.readTree(((TypedData.Json) returned).value()));
            case "string" -> assertThat(returned).isInstanceOf(TypedData.Text.class);
            case "http" -> {
                RpcHttp http = ((TypedData.Http) returned).value();
                assertThat(http.statusCode()).isEqualTo(expect.path("httpStatus").asText());
                assertThat(http.headers()).containsEntry("Content-Type", "application/json");
                checkPointers(expect, Json.MAPPER.readTree(((TypedData.Text) http.body()).value()));
            }
            default -> throw new AssertionError("unknown returnKind " + expect.path("returnKind"));
        }
    }

    private static void checkPointers(JsonNode expect, JsonNode actual) {
        expect.path("returnJson").fields().forEachRemaining(pointer ->
                assertThat(actual.at(pointer.getKey()).asText()).as(pointer.getKey() + " of " + actual)
                        .isEqualTo(pointer.getValue().asText()));
    }

    private static void checkEffects(JsonNode expect, TypedData returned) throws Exception {
        if (expect.has("orchestrationStarted")) {
            OrchestrationMetadata instance = metadata(expect.path("orchestrationStarted").asText());
            assertThat(instance.isInstanceFound()).isTrue();
            ProvisioningInput input = instance.readInputAs(ProvisioningInput.class);
            JsonNode reply = expect.path("reply");
            assertThat(input.replyQueue()).isEqualTo(reply.isNull() ? null : reply.path("replyQueue").asText());
            assertThat(input.replySessionId()).isEqualTo(reply.isNull() ? null : reply.path("replySessionId").asText());
        }
        if (expect.has("event")) {
            List<JsonNode> events = topicEvents();
            assertThat(events).hasSize(1);
            assertThat(events.get(0).path("type").asText()).isEqualTo(expect.path("event").path("type").asText());
            List<String> codes = events.get(0).path("data").path("errors").findValuesAsText("code");
            expect.path("event").path("reasons").forEach(reason -> assertThat(codes).contains(reason.asText()));
        }
        if (expect.path("topicEvent").asBoolean()) {
            String eventId = ((TypedData.Text) returned).value();
            assertThat(topicEvents()).extracting(e -> e.path("id").asText()).containsExactly(eventId);
        }
        if (expect.has("replySession")) {
            String eventId = ((TypedData.Text) returned).value();
            assertThat(replies(expect.path("replySession").asText())).extracting(e -> e.path("id").asText())
                    .containsExactly(eventId);
        }
        if (expect.has("scheduledActivity")) {
            OrchestratorResponse response = OrchestratorResponse.parseFrom(
                    Base64.getDecoder().decode(((TypedData.Text) returned).value()));
            OrchestratorAction schedule = response.getActionsList().stream().filter(OrchestratorAction::hasScheduleTask)
                    .findFirst().orElseThrow(() -> new AssertionError("no activity scheduled: " + response));
            assertThat(schedule.getScheduleTask().getName()).isEqualTo(expect.path("scheduledActivity").asText());
            JsonNode input = Json.MAPPER.readTree(schedule.getScheduleTask().getInput().getValue());
            assertThat(input.isObject()).as("the activity's input is a JSON object, not a string literal: %s", input)
                    .isTrue();
            assertThat(input.path("requestId").asText()).isEqualTo(expect.path("scheduledInputRequestId").asText());
        }
    }

    /** Inputs and metadata as TypedData, from their protobuf JSON form ({"string": …}, {"json": …}, {"http": …}). */
    private static Map<String, TypedData> typedData(JsonNode entries, Map<String, String> placeholders) {
        Map<String, TypedData> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = entries.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode value = entry.getValue();
            TypedData data;
            if (value.has("string")) {
                data = new TypedData.Text(substitute(value.get("string").asText(), placeholders));
            } else if (value.has("json")) {
                data = new TypedData.Json(substitute(value.get("json").asText(), placeholders));
            } else if (value.has("http")) {
                JsonNode http = value.get("http");
                data = new TypedData.Http(RpcHttp.request(http.path("method").asText(), http.path("url").asText(),
                        strings(http.path("headers")), strings(http.path("query")), strings(http.path("params")),
                        new TypedData.None()));
            } else {
                throw new AssertionError("unknown TypedData " + value);
            }
            values.put(entry.getKey(), data);
        }
        return values;
    }

    private static Map<String, String> placeholders(JsonNode fixture) {
        Map<String, String> values = new HashMap<>();
        values.put("durableClient", LocalDurableClientContext.bindingJson(durable.port(), durable.taskHubName()));
        if (fixture.has("orchestrationInput")) {
            values.put("orchestratorRequest", orchestratorRequest((ObjectNode) fixture.get("orchestrationInput")));
        }
        return values;
    }

    /** The first turn of an orchestration with this input, as the Durable extension hands it over. */
    private static String orchestratorRequest(ObjectNode input) {
        String instanceId;
        try {
            instanceId = Json.MAPPER.readTree(input.path("request").asText()).path("requestId").asText();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        HistoryEvent started = HistoryEvent.newBuilder().setEventId(-1)
                .setOrchestratorStarted(OrchestratorStartedEvent.newBuilder()).build();
        HistoryEvent execution = HistoryEvent.newBuilder().setEventId(-1)
                .setExecutionStarted(ExecutionStartedEvent.newBuilder().setName(ProvisionComputeOrchestrator.NAME)
                        .setInput(StringValue.of(input.toString()))
                        .setOrchestrationInstance(OrchestrationInstance.newBuilder().setInstanceId(instanceId)
                                .setExecutionId(StringValue.of("exec-1"))))
                .build();
        OrchestratorRequest request = OrchestratorRequest.newBuilder().setInstanceId(instanceId)
                .addNewEvents(started).addNewEvents(execution).build();
        return Base64.getEncoder().encodeToString(request.toByteArray());
    }

    private static String substitute(String text, Map<String, String> placeholders) {
        String result = text;
        for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
            result = result.replace("${" + placeholder.getKey() + "}", placeholder.getValue());
        }
        return result;
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        return values;
    }

    /** The app's function of this name, read as the worker reads it (function.json as the Maven plugin writes it). */
    private static WorkerFunction function(String name) {
        for (Class<?> type : List.of(SubmitComputeRequest.class, PerformComputeAction.class, ReadComputeStatus.class,
                PublishCompletion.class, PublishReply.class, CleanUpCompute.class, FindLeaseHolders.class,
                ProvisionComputeOrchestrator.class, GetComputeRequestStatus.class,
                AnswerUndeliverableRequests.class)) {
            for (Method method : type.getMethods()) {
                FunctionName functionName = method.getAnnotation(FunctionName.class);
                if (functionName != null && functionName.value().equals(name)) {
                    return WorkerFunction.of(name, method, type == GetComputeRequestStatus.class);
                }
            }
        }
        throw new AssertionError("no function " + name);
    }

    private static OrchestrationMetadata metadata(String instanceId) {
        try (DurableTaskClient client = durable.clientContext().getClient()) {
            return client.getInstanceMetadata(instanceId, true);
        }
    }

    /** Takes every event on the all-events subscription. */
    private static List<JsonNode> topicEvents() {
        try (ServiceBusReceiverClient receiver = ServiceBusClients.builder(Settings.of(Map.of("ServiceBusConnection",
                        stack.bus.connectionString()))).receiver().topicName(EntityNames.EVENTS_TOPIC)
                .subscriptionName(EntityNames.ALL_EVENTS_SUBSCRIPTION)
                .receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE).buildClient()) {
            return receiver.receiveMessages(10, Duration.ofSeconds(2)).stream()
                    .map(ServiceBusReceivedMessage::getBody).map(body -> {
                        try {
                            return Json.MAPPER.readTree(body.toBytes());
                        } catch (IOException e) {
                            throw new AssertionError(e);
                        }
                    }).toList();
        }
    }

    /** Takes every message of one session of the replies queue. */
    private static List<JsonNode> replies(String session) {
        try (var sessions = ServiceBusClients.builder(Settings.of(Map.of("ServiceBusConnection",
                        stack.bus.connectionString()))).sessionReceiver().queueName(EntityNames.REPLIES_QUEUE)
                .receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE).buildClient();
             ServiceBusReceiverClient receiver = sessions.acceptSession(session)) {
            return receiver.receiveMessages(10, Duration.ofSeconds(2)).stream()
                    .map(message -> {
                        try {
                            return Json.MAPPER.readTree(message.getBody().toBytes());
                        } catch (IOException e) {
                            throw new AssertionError(e);
                        }
                    }).toList();
        }
    }

    private static Path golden() {
        try {
            return Path.of(GoldenInvocationsTest.class.getResource("/golden").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
