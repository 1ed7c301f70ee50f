package io.amlcompute.provisioner.functions;

import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationStatus;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorAction;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.amlcompute.provisioner.config.EntityNames;
import io.amlcompute.provisioner.config.Settings;
import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.contract.event.ComputeEvent;
import io.amlcompute.provisioner.contract.event.EventType;
import io.amlcompute.provisioner.contract.event.Outcome;
import io.amlcompute.provisioner.contract.validation.MessageEnvelope;
import io.amlcompute.provisioner.contract.validation.ParseResult;
import io.amlcompute.provisioner.contract.validation.RequestDefaults;
import io.amlcompute.provisioner.contract.validation.RequestParser;
import io.amlcompute.provisioner.contract.validation.RequestWriter;
import io.amlcompute.provisioner.contract.validation.Samples;
import io.amlcompute.provisioner.events.ServiceBusClients;
import io.amlcompute.provisioner.local.DemoAzure;
import io.amlcompute.provisioner.local.ManualClock;
import io.amlcompute.provisioner.local.arm.ArmEmulator;
import io.amlcompute.provisioner.local.arm.ArmEmulatorBuilder;
import io.amlcompute.provisioner.local.arm.RecordedRequest;
import io.amlcompute.provisioner.provisioning.ProvisioningInput;
import io.amlcompute.provisioner.provisioning.preflight.Preflight;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The pre-flight along the whole path: the real orchestrator and ProvisioningProcess on durabletask's replay engine
 * ({@link ReplayDriver}), the real activities wired by {@link ProvisionerApp#fromSettings} (results through the
 * worker's Gson), the ARM emulator over HTTP seeded with a region short of NC quota (6 of 24 dedicated vCPUs left),
 * and the completion event as it arrives on the topic of the Service Bus emulator, checked against the event schema.
 */
class PreflightOverEmulatorsTest {

    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
    private static final JsonSchema EVENT_SCHEMA = schema();

    private final ManualClock armClock = new ManualClock(START);
    private final ExecutionContext context = mock(ExecutionContext.class);
    private final List<String> logLines = new java.util.concurrent.CopyOnWriteArrayList<>();
    private AppOverEmulators stack;
    private ReplayDriver driver;

    @AfterEach
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private void start(UnaryOperator<ArmEmulatorBuilder> more) throws Exception {
        stack = AppOverEmulators.start(more.apply(ArmEmulator.builder().clock(armClock)
                .workspace(DemoAzure.SUBSCRIPTION_ID, DemoAzure.RESOURCE_GROUP, DemoAzure.WORKSPACE, DemoAzure.LOCATION)
                .region(DemoAzure.LOCATION, r -> r.familyQuota("standardNCFamily", "Dedicated", 24)
                        .inUseElsewhere("standardNCFamily", "Dedicated", 18))
                .provisioningTime(Duration.ofSeconds(20)).nodeAllocationTime(Duration.ofSeconds(30))));
        Logger logger = Logger.getLogger("preflight-test-" + System.nanoTime());
        logger.setUseParentHandlers(false);
        logger.addHandler(new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                logLines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        when(context.getLogger()).thenReturn(logger);
    }

    /** The ensure sample as an NC6 cluster with these options. */
    private static ComputeRequest ncCluster(int minNodes, int waitForNodes, String preflight) {
        String body = Samples.with("ensure-amlcompute.json", "/compute/vmSize", "\"Standard_NC6\"");
        body = with(body, "/compute/minNodes", String.valueOf(minNodes));
        body = with(body, "/options/waitForNodes", String.valueOf(waitForNodes));
        if (preflight != null) {
            body = with(body, "/options/preflight", "\"" + preflight + "\"");
        }
        return ((ParseResult.Parsed) new RequestParser(RequestDefaults.standard()).parse(body, MessageEnvelope.NONE))
                .request();
    }

    private static String with(String body, String pointer, String value) {
        var root = (com.fasterxml.jackson.databind.node.ObjectNode) Samples.tree(body);
        var at = com.fasterxml.jackson.core.JsonPointer.compile(pointer);
        ((com.fasterxml.jackson.databind.node.ObjectNode) root.at(at.head())).set(at.last().getMatchingProperty(),
                Samples.tree(value));
        return root.toString();
    }

    /** Runs the request to its end; returns the one event on the topic, as JSON. */
    private JsonNode run(ComputeRequest request) throws Exception {
        AtomicReference<ReplayDriver> holder = new AtomicReference<>();
        holder.set(new ReplayDriver(request.requestId(), START, (name, input) -> {
            Duration behind = Duration.between(armClock.instant(), holder.get().now());
            if (!behind.isNegative() && !behind.isZero()) {
                armClock.advance(behind);
            }
            return switch (name) {
                case PerformComputeAction.NAME -> new PerformComputeAction(() -> stack.app).run(input, context);
                case ReadComputeStatus.NAME -> new ReadComputeStatus(() -> stack.app).run(input, context);
                case PublishCompletion.NAME -> new PublishCompletion(() -> stack.app).run(input, context);
                default -> throw new AssertionError("unknown activity " + name);
            };
        }));
        driver = holder.get();
        OrchestratorAction end = driver.run(new ProvisioningInput(RequestWriter.toJson(request), null, null));
        assertThat(end.getCompleteOrchestration().getOrchestrationStatus())
                .isEqualTo(OrchestrationStatus.ORCHESTRATION_STATUS_COMPLETED);

        List<ServiceBusReceivedMessage> received;
        try (ServiceBusReceiverClient receiver = ServiceBusClients.builder(Settings.of(Map.of("ServiceBusConnection",
                        stack.bus.connectionString()))).receiver().topicName(EntityNames.EVENTS_TOPIC)
                .subscriptionName(EntityNames.ALL_EVENTS_SUBSCRIPTION)
                .receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE).buildClient()) {
            received = receiver.receiveMessages(5, Duration.ofSeconds(3)).stream().toList();
        }
        assertThat(received).hasSize(1);
        JsonNode event = Json.MAPPER.readTree(received.get(0).getBody().toString());
        assertThat(EVENT_SCHEMA.validate(event)).as(event::toString).isEmpty();
        return event;
    }

    private List<RecordedRequest> computeWrites() {
        return stack.arm.requests().stream().filter(r -> !r.method().equals("GET")).toList();
    }

    @Test
    void aRequestThePreflightRefusesEndsInOneFailedEventWithOutcomeRejectedAndNothingCreated() throws Exception {
        start(b -> b);

        JsonNode event = run(ncCluster(0, 2, null));

        assertThat(event.path("type").asText()).isEqualTo("io.amlcompute.compute.failed");
        JsonNode data = event.path("data");
        assertThat(data.path("outcome").asText()).isEqualTo("rejected");
        JsonNode error = data.path("errors").get(0);
        assertThat(error.path("code").asText()).isEqualTo("PREFLIGHT_FAMILY_QUOTA_EXCEEDED");
        assertThat(error.path("path").asText()).isEqualTo("$.options.waitForNodes");
        assertThat(error.path("quota").path("available").asLong()).isEqualTo(6);
        assertThat(error.path("quota").path("needed").asLong()).isEqualTo(12);
        assertThat(error.path("quota").path("name").asText()).isEqualTo("Standard NC Family Cluster Dedicated vCPUs");
        assertThat(data.has("status")).isFalse();
        assertThat(computeWrites()).as("nothing was created").isEmpty();
        assertThat(driver.scheduledActivities()).containsExactly(PerformComputeAction.NAME, PublishCompletion.NAME);
        assertThat(logLines).anySatisfy(line -> assertThat(line).startsWith("event=compute.action")
                .contains("result=Failed").contains("preflight=PREFLIGHT_FAMILY_QUOTA_EXCEEDED"));
        ComputeEvent typed = Json.MAPPER.treeToValue(event, ComputeEvent.class);
        assertThat(typed.type()).isEqualTo(EventType.FAILED);
        assertThat(typed.data().outcome()).isEqualTo(Outcome.REJECTED);
    }

    /** A sample request with these fields set (JSON values), parsed as the function parses it. */
    private static ComputeRequest sample(String file, String... pointersAndValues) {
        String body = Samples.text(file);
        for (int i = 0; i < pointersAndValues.length; i += 2) {
            body = with(body, pointersAndValues[i], pointersAndValues[i + 1]);
        }
        return ((ParseResult.Parsed) new RequestParser(RequestDefaults.standard()).parse(body, MessageEnvelope.NONE))
                .request();
    }

    @Test
    void aComputeInstanceWhoseNodeTheRegionCannotHoldIsRefusedBeforeItsPutAndItsStartLikewise() throws Exception {
        start(b -> b);
        String nc12 = "\"Standard_NC12\"";

        JsonNode refused = run(sample("ensure-computeinstance.json", "/compute/vmSize", nc12));
        run(sample("ensure-computeinstance.json", "/compute/vmSize", nc12, "/requestId", "\"ci-unchecked\"",
                "/options/preflight", "\"off\""));
        run(sample("stop-computeinstance.json"));
        int writesBeforeStart = computeWrites().size();
        JsonNode startRefused = run(sample("start-computeinstance.json"));
        int writesAfterRefusal = computeWrites().size();
        JsonNode startWarned = run(sample("start-computeinstance.json", "/requestId", "\"start-warned\"",
                "/options/preflight", "\"warn\""));

        assertThat(refused.path("type").asText()).isEqualTo("io.amlcompute.compute.failed");
        assertThat(refused.path("data").path("outcome").asText()).isEqualTo("rejected");
        JsonNode error = refused.path("data").path("errors").get(0);
        assertThat(error.path("code").asText()).isEqualTo("PREFLIGHT_FAMILY_QUOTA_EXCEEDED");
        assertThat(error.path("path").asText()).isEqualTo("$.compute.vmSize");
        assertThat(error.path("quota").path("needed").asLong()).as("one node of 12 vCPUs").isEqualTo(12);
        assertThat(error.path("message").asText()).startsWith("Compute instance ci-alice needs 12 vCPUs");
        assertThat(startRefused.path("data").path("outcome").asText()).isEqualTo("rejected");
        assertThat(startRefused.path("data").path("errors").get(0).path("path").asText()).isEqualTo("$.compute.name");
        assertThat(writesAfterRefusal).as("no start POST").isEqualTo(writesBeforeStart);
        assertThat(startWarned.path("type").asText()).isEqualTo("io.amlcompute.compute.ready");
        assertThat(startWarned.path("data").path("outcome").asText()).isEqualTo("started");
        assertThat(startWarned.path("data").path("warnings").get(0).path("code").asText())
                .isEqualTo("PREFLIGHT_FAMILY_QUOTA_EXCEEDED");
    }

    @Test
    void whatFitsNowButNotAtMaxNodesIsReadyWithTheWarningOnTheEvent() throws Exception {
        start(b -> b);

        JsonNode event = run(ncCluster(1, 1, null));

        assertThat(event.path("type").asText()).isEqualTo("io.amlcompute.compute.ready");
        assertThat(event.path("data").path("outcome").asText()).isEqualTo("created");
        JsonNode warning = event.path("data").path("warnings").get(0);
        assertThat(warning.path("code").asText()).isEqualTo("PREFLIGHT_MAX_NODES_EXCEED_QUOTA");
        assertThat(warning.path("path").asText()).isEqualTo("$.compute.maxNodes");
        assertThat(warning.path("quota").path("nodes").asInt()).isEqualTo(4);
        assertThat(warning.path("quota").path("needed").asLong()).isEqualTo(24);
        assertThat(event.path("data").path("errors")).isEmpty();
    }

    @Test
    void underWarnARefusalGoesAheadAndTheQuotaShowsAsTheResizeThatGetsNoNodes() throws Exception {
        start(b -> b);

        JsonNode event = run(ncCluster(2, 2, "warn"));

        JsonNode data = event.path("data");
        assertThat(event.path("type").asText()).isEqualTo("io.amlcompute.compute.failed");
        assertThat(data.path("outcome").asText()).isEqualTo("created");
        assertThat(data.path("warnings")).extracting(w -> w.path("code").asText())
                .containsExactly("PREFLIGHT_FAMILY_QUOTA_EXCEEDED");
        assertThat(data.path("errors")).extracting(e -> e.path("code").asText())
                .containsExactly("NodesNotUsable", "QuotaExceeded");
        assertThat(data.path("errors").get(1).path("message").asText()).contains("Standard NC family vCPU quota of 24");
        assertThat(data.path("status").path("allocationState").asText()).isEqualTo("Steady");
        assertThat(computeWrites()).extracting(RecordedRequest::method).containsExactly("PUT");
    }

    @Test
    void offSkipsTheRegionReadsAltogether() throws Exception {
        start(b -> b);

        JsonNode event = run(ncCluster(0, 0, "off"));

        assertThat(event.path("type").asText()).isEqualTo("io.amlcompute.compute.ready");
        assertThat(event.path("data").has("warnings")).isFalse();
        assertThat(stack.arm.requests()).noneSatisfy(r -> assertThat(r.path()).contains("/locations/"));
    }

    @Test
    void aForbiddenRegionReadFailsTheRequestWithAConfigurationErrorThatNamesTheRole() throws Exception {
        start(b -> b.withoutPermission("Microsoft.MachineLearningServices/locations/vmsizes/read"));

        JsonNode event = run(ncCluster(0, 0, null));

        JsonNode data = event.path("data");
        assertThat(event.path("type").asText()).isEqualTo("io.amlcompute.compute.failed");
        assertThat(data.has("outcome")).as("nothing was done, and the request was not at fault").isFalse();
        assertThat(data.path("errors").get(0).path("code").asText()).isEqualTo("PREFLIGHT_READ_FORBIDDEN");
        assertThat(data.path("errors").get(0).path("message").asText()).contains(Preflight.ROLE_NAME)
                .contains("Microsoft.MachineLearningServices/locations/vmsizes/read");
        assertThat(computeWrites()).isEmpty();
    }

    private static JsonSchema schema() {
        try (InputStream in = PreflightOverEmulatorsTest.class.getResourceAsStream("/schemas/compute-event.schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(Json.MAPPER.readTree(in));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
