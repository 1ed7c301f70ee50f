package io.amlcompute.provisioner.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.azure.core.amqp.models.AmqpMessageBody;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlcompute.provisioner.config.EntityNames;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.local.arm.FaultRule;
import io.amlcompute.provisioner.local.arm.RecordedRequest;
import io.amlcompute.provisioner.local.host.RawHttp;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The whole app on a {@link LocalStack}, driven as producers and consumers drive it: requests through the official
 * Service Bus client, events from the topic and a reply session, the status API over HTTP. The ensure request is sent
 * first and checked last, since the app's polling policy reads a new cluster's status only after about a minute.
 */
@Timeout(240)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackIT {

    private static final String READY = "io.amlcompute.compute.ready";
    private static final String REJECTED = "io.amlcompute.request.rejected";

    private static LocalStack stack;
    private static StackProbe probe;
    private static String ensureId;
    private static String ensureSession;

    @BeforeAll
    static void startStackAndSendTheEnsureRequest() throws Exception {
        stack = LocalStack.start(LocalStackOptions.defaults().withProvisioningTime(Duration.ofSeconds(1)));
        probe = StackProbe.of(stack);
        ensureId = StackProbe.uniqueId("ensure");
        ensureSession = "session-" + UUID.randomUUID();
        // A reply is asked for with application properties, as computectl send does (ADR 0006).
        probe.send(StackProbe.sample("ensure-amlcompute", ensureId), UUID.randomUUID().toString(), message -> {
            message.getApplicationProperties().put("replyTo", EntityNames.REPLIES_QUEUE);
            message.getApplicationProperties().put("replyToSessionId", ensureSession);
        });
    }

    @AfterAll
    static void stopStack() {
        if (probe != null) {
            probe.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void attachesTheDemoDatabricksWorkspaceWithTheTokenFromTheLocalSecretStore() {
        String requestId = StackProbe.uniqueId("attach-dbx");

        probe.send(StackProbe.sample("attach-databricks", requestId));

        StackProbe.Event event = probe.awaitEvent(requestId);
        assertThat(event.type()).isEqualTo(READY);
        assertThat(event.outcome()).isEqualTo("attached");
        assertThat(event.body().path("data").path("compute").path("type").asText()).isEqualTo("Databricks");
        assertOnlyEvent(requestId, event);
    }

    @Test
    @Order(2)
    void attachesTheDemoVirtualMachine() {
        String requestId = StackProbe.uniqueId("attach-vm");

        probe.send(StackProbe.sample("attach-virtualmachine", requestId));

        StackProbe.Event event = probe.awaitEvent(requestId);
        assertThat(event.type()).isEqualTo(READY);
        assertThat(event.outcome()).isEqualTo("attached");
        assertOnlyEvent(requestId, event);
    }

    @Test
    @Order(3)
    void rejectsABadRequestWithOneEventAndTouchesNothingInArm() {
        String requestId = StackProbe.uniqueId("invalid");

        probe.send(StackProbe.sample("invalid-request", requestId));

        StackProbe.Event event = probe.awaitEvent(requestId);
        assertThat(event.type()).isEqualTo(REJECTED);
        assertThat(event.body().path("data").path("errors").size()).isPositive();
        probe.awaitCollectedSoFar();
        assertThat(probe.eventsFor(requestId)).containsExactly(event);
        assertThat(stack.armEmulator().requests()).noneMatch(r -> r.path().contains("gpu-cluster-01"));
        assertThat(probe.status(requestId, stack.functionKey()).statusCode()).isEqualTo(404);
    }

    /**
     * A body the Functions host cannot bind never reaches SubmitComputeRequest: the platform dead-letters it after ten
     * deliveries, and AnswerUndeliverableRequests (every 10 s in local.settings.json) answers it from there, once.
     */
    @Test
    @Order(3)
    void answersASequenceBodyAndANonStringValueBodyOnceEachFromTheDeadLetterQueue() {
        Map<String, ServiceBusMessage> sent = new LinkedHashMap<>();
        sent.put(StackProbe.uniqueId("sequence-body"),
                new ServiceBusMessage(AmqpMessageBody.fromSequence(List.of("{\"schemaVersion\":\"1.0\"}"))));
        sent.put(StackProbe.uniqueId("value-body"), new ServiceBusMessage(AmqpMessageBody.fromValue(42L)));
        sent.forEach((correlationId, message) -> {
            message.setMessageId(correlationId).getApplicationProperties().put("correlationId", correlationId);
            probe.sendMessage(message);
        });

        for (String correlationId : sent.keySet()) {
            StackProbe.Event event = await().atMost(StackProbe.WAIT)
                    .until(() -> probe.eventsCorrelatedWith(correlationId), list -> !list.isEmpty()).get(0);
            assertThat(event.type()).isEqualTo(REJECTED);
            assertThat(event.body().path("data").path("errors").get(0).path("code").asText()).isEqualTo("BODY_NOT_TEXT");
        }
        // Answered before completed: once gone from the dead-letter queue, every answer has been published.
        await().atMost(StackProbe.WAIT).until(() -> probe.deadLetteredMessageIds().stream().noneMatch(sent::containsKey));
        probe.awaitCollectedSoFar();
        assertThat(sent.keySet()).allSatisfy(id -> assertThat(probe.eventsCorrelatedWith(id)).hasSize(1));
    }

    @Test
    @Order(4)
    void startsOneOrchestrationAndPublishesOneEventHoweverOftenTheRequestIsDelivered() {
        String requestId = StackProbe.uniqueId("attach-aks");
        ObjectNode request = StackProbe.sample("attach-kubernetes", requestId);

        String firstMessageId = probe.send(request);
        probe.send(request);
        probe.send(request);
        probe.send(request, firstMessageId, message -> { }); // dropped by the queue's duplicate detection

        StackProbe.Event event = probe.awaitEvent(requestId);
        assertThat(event.type()).isEqualTo(READY);
        assertOnlyEvent(requestId, event);
        assertThat(stack.armEmulator().requests()).filteredOn(r -> r.method().equals("PUT")
                && r.path().endsWith("/computes/k8s-compute")).hasSize(1);
    }

    @Test
    @Order(5)
    void answersAMalformedPercentEscapeInTheStatusPathWithTheJsonEnvelopeAfterTheKeyCheck() throws Exception {
        URI server = stack.statusApiBaseUrl();
        // Over a raw socket: the JDK client refuses to send such a target. Kestrel leaves the escape as it is.
        assertThat(RawHttp.get(server, "/api/compute-requests/%zz").status()).isEqualTo(401);
        for (String requestId : List.of("%zz", "%E0%A4%A")) {
            RawHttp.Response response = RawHttp.get(server, "/api/compute-requests/" + requestId,
                    "x-functions-key: " + stack.functionKey());
            assertThat(response.status()).as(requestId).isEqualTo(400);
            assertThat(response.headers().get("content-type")).startsWith("application/json");
            assertThat(Json.MAPPER.readTree(response.body()).at("/error/code").asText())
                    .isEqualTo("INVALID_REQUEST_ID");
        }
    }

    @Test
    @Order(5)
    void answersTheStatusApiWithProgressWhileRunningAndTheEventOnceDone() {
        String requestId = StackProbe.uniqueId("attach-synapse");
        assertThat(probe.status(requestId, null).statusCode()).isEqualTo(401);
        assertThat(probe.status(requestId, "not-the-key").statusCode()).isEqualTo(401);
        assertThat(probe.status(requestId, stack.functionKey()).statusCode()).isEqualTo(404);

        probe.send(StackProbe.sample("attach-synapsespark", requestId));

        JsonNode running = await().atMost(StackProbe.WAIT).until(() -> probe.status(requestId),
                status -> status != null && status.path("progress").path("phase").asText().equals("WAITING"));
        assertThat(running.path("runtimeStatus").asText()).isEqualTo("RUNNING");
        assertThat(running.has("event")).isFalse();
        StackProbe.Event event = probe.awaitEvent(requestId);
        JsonNode done = await().atMost(StackProbe.WAIT).until(() -> probe.status(requestId),
                status -> status.path("runtimeStatus").asText().equals("COMPLETED"));
        assertThat(done.path("event").path("id").asText()).isEqualTo(event.body().path("id").asText());
        assertThat(done.path("event").path("type").asText()).isEqualTo(READY);
    }

    @Test
    @Order(6)
    void completesDespiteArmThrottlingAndTransientFaults() {
        String computePath = ".*/computes/hdi-compute";
        stack.armEmulator().faults().add(FaultRule.on("PUT", computePath).throttle(Duration.ofSeconds(1)).times(5));
        stack.armEmulator().faults().add(FaultRule.on("GET", computePath).serverError(503).times(2));
        String requestId = StackProbe.uniqueId("attach-hdi");

        probe.send(StackProbe.sample("attach-hdinsight", requestId));

        StackProbe.Event event = probe.awaitEvent(requestId);
        assertThat(event.type()).isEqualTo(READY);
        assertOnlyEvent(requestId, event);
        List<RecordedRequest> hdi = stack.armEmulator().requests().stream()
                .filter(r -> r.path().endsWith("/computes/hdi-compute")).toList();
        assertThat(hdi).extracting(RecordedRequest::status).contains(503);
        // Five throttled PUTs: more than the gateway's own retries, so the orchestration waited on a durable timer.
        assertThat(hdi).filteredOn(r -> r.method().equals("PUT") && r.status() == 429).hasSize(5);
        assertThat(stack.armEmulator().faults().active()).isEmpty();
    }

    @Test
    @Order(7)
    void ensuresTheClusterOnceAnswersOnTheTopicAndTheReplySessionThenFindsItExisting() {
        StackProbe.Event created = probe.awaitEvent(ensureId);
        assertThat(created.type()).isEqualTo(READY);
        assertThat(created.outcome()).isEqualTo("created");
        assertThat(created.properties()).containsEntry("correlationId", "pipeline-run-4711");
        assertOnlyEvent(ensureId, created);
        assertThat(probe.replies(ensureSession)).singleElement().satisfies(reply -> {
            assertThat(reply.messageId()).isEqualTo(created.messageId());
            assertThat(reply.sessionId()).isEqualTo(ensureSession);
        });

        String againId = StackProbe.uniqueId("ensure-again");
        probe.send(StackProbe.sample("ensure-amlcompute", againId));

        StackProbe.Event existing = probe.awaitEvent(againId);
        assertThat(existing.type()).isEqualTo(READY);
        assertThat(existing.outcome()).isEqualTo("existing");
        assertOnlyEvent(againId, existing);
    }

    /**
     * Issue 17's coalescing, through the trigger, two orchestrations and their activities: two start requests for one
     * stopped instance, sent together, make ARM see one POST; the request that comes second joins the start under way
     * (started) or, if it comes once the instance runs, finds it running (existing).
     */
    @Test
    @Order(8)
    void twoConcurrentStartsOfOneInstanceSendOnePost() {
        String name = "ci-coalesce";
        String ensure = StackProbe.uniqueId("ci-ensure");
        probe.send(instanceRequest("ensure-computeinstance", ensure, name));
        assertThat(probe.awaitEvent(ensure).outcome()).isEqualTo("created");
        String stop = StackProbe.uniqueId("ci-stop");
        probe.send(instanceRequest("stop-computeinstance", stop, name));
        StackProbe.Event stopped = probe.awaitEvent(stop);
        assertThat(stopped.outcome()).isEqualTo("stopped");
        assertThat(stopped.body().at("/data/status/instance/state").asText()).isEqualTo("Stopped");

        String first = StackProbe.uniqueId("ci-start-a");
        String second = StackProbe.uniqueId("ci-start-b");
        probe.send(instanceRequest("start-computeinstance", first, name));
        probe.send(instanceRequest("start-computeinstance", second, name));

        List<StackProbe.Event> started = List.of(probe.awaitEvent(first), probe.awaitEvent(second));
        assertThat(started).extracting(StackProbe.Event::type).containsOnly(READY);
        assertThat(started).extracting(StackProbe.Event::outcome).contains("started").isSubsetOf("started", "existing");
        assertThat(started).allSatisfy(e -> assertThat(e.body().at("/data/status/instance/state").asText())
                .isEqualTo("Running"));
        assertThat(stack.armEmulator().requests()).filteredOn(r -> r.method().equals("POST"))
                .extracting(r -> r.path().replaceAll(".*/computes/", ""))
                .containsExactly(name + "/stop", name + "/start");
    }

    private static ObjectNode instanceRequest(String sample, String requestId,
                                                                                  String name) {
        ObjectNode request = StackProbe.sample(sample, requestId);
        ((ObjectNode) request.path("compute")).put("name", name);
        return request;
    }

    /** Once the orchestration is done, every event is out: exactly this one is about the request. */
    private static void assertOnlyEvent(String requestId, StackProbe.Event event) {
        await().atMost(StackProbe.WAIT).until(() -> probe.status(requestId),
                status -> status != null && status.path("runtimeStatus").asText().equals("COMPLETED"));
        probe.awaitCollectedSoFar();
        assertThat(probe.eventsFor(requestId)).containsExactly(event);
    }
}
