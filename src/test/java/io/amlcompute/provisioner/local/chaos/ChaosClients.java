package io.amlcompute.provisioner.local.chaos;

import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.ServiceBusSessionReceiverClient;
import com.azure.messaging.servicebus.models.SubQueue;
import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.config.EntityNames;
import io.amlcompute.provisioner.contract.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A producer's and a consumer's view of one running stack, through the official Service Bus client, the status API
 * over HTTP and ARM's REST API: sends the plan's messages, waits until every request is done, then reads every
 * event, reply, dead letter and compute.
 */
final class ChaosClients implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String WORKSPACE = "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/"
            + "rg-ml-demo/providers/Microsoft.MachineLearningServices/workspaces/mlw-demo";
    private static final Set<String> RUNNING = Set.of("RUNNING", "PENDING", "SUSPENDED");

    private final StackProcess.Endpoints endpoints;
    private final ServiceBusSenderClient requests;

    ChaosClients(StackProcess.Endpoints endpoints) {
        this.endpoints = endpoints;
        this.requests = client().sender().queueName(EntityNames.REQUESTS_QUEUE).buildClient();
    }

    /** Sends each message as a producer does: JSON body, its MessageId, the reply asked with application properties. */
    void send(List<ChaosPlan.Send> wave) {
        for (ChaosPlan.Send send : wave) {
            ServiceBusMessage message = new ServiceBusMessage(send.request().body().toString())
                    .setMessageId(send.messageId()).setContentType("application/json");
            if (send.request().replySession() != null) {
                message.getApplicationProperties().put("replyTo", EntityNames.REPLIES_QUEUE);
                message.getApplicationProperties().put("replyToSessionId", send.request().replySession());
            }
            requests.sendMessage(message);
        }
    }

    /**
     * Returns once every request has an event on the subscription (peeked, left there) and the status API shows
     * every valid request's orchestration finished, or when {@code atMost} has passed.
     */
    void awaitDone(ChaosPlan plan, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        try (ServiceBusReceiverClient peeker = client().receiver().topicName(EntityNames.EVENTS_TOPIC)
                .subscriptionName(EntityNames.ALL_EVENTS_SUBSCRIPTION).buildClient()) {
            while (System.nanoTime() < deadline) {
                Set<String> withEvent = peekAll(peeker).stream().map(ChaosClients::requestIdOf)
                        .collect(Collectors.toSet());
                boolean allEvents = plan.requests().stream().allMatch(r -> withEvent.contains(r.requestId()));
                if (allEvents && plan.requests().stream().filter(r -> r.kind() != ChaosPlan.Kind.INVALID)
                        .noneMatch(r -> RUNNING.contains(status(r.requestId())))) {
                    return;
                }
                Thread.sleep(500);
            }
        }
    }

    /** Takes every event and reply off the stack, and reads dead letters, computes and statuses. */
    ChaosReport.Observed observe(ChaosPlan plan) throws InterruptedException {
        // A little longer: an event published twice would be published about now.
        Thread.sleep(2_000);
        Map<String, String> statuses = new TreeMap<>();
        plan.requests().forEach(r -> statuses.put(r.requestId(), status(r.requestId())));
        return new ChaosReport.Observed(drainEvents(), replies(plan), deadLetters(), computes(), statuses);
    }

    private Map<String, List<ChaosReport.SeenEvent>> drainEvents() {
        Map<String, List<ChaosReport.SeenEvent>> events = new TreeMap<>();
        try (ServiceBusReceiverClient receiver = client().receiver().topicName(EntityNames.EVENTS_TOPIC)
                .subscriptionName(EntityNames.ALL_EVENTS_SUBSCRIPTION).buildClient()) {
            while (true) {
                List<ServiceBusReceivedMessage> batch = receiver.receiveMessages(100, Duration.ofSeconds(3))
                        .stream().toList();
                if (batch.isEmpty()) {
                    return events;
                }
                for (ServiceBusReceivedMessage message : batch) {
                    String body = message.getBody().toString();
                    JsonNode json = readJson(body);
                    List<ChaosReport.SeenEvent> seen = events.computeIfAbsent(requestIdOf(message),
                            id -> new ArrayList<>());
                    // A redelivery of the same message has the same sequence number: it is one event, not two.
                    if (seen.stream().noneMatch(e -> e.sequenceNumber() == message.getSequenceNumber())) {
                        seen.add(new ChaosReport.SeenEvent(message.getSequenceNumber(), json.path("type").asText(),
                                json.path("data").path("outcome").asText(null), body));
                    }
                    receiver.complete(message);
                }
            }
        }
    }

    private Map<String, List<String>> replies(ChaosPlan plan) {
        Map<String, List<String>> replies = new LinkedHashMap<>();
        try (ServiceBusSessionReceiverClient sessions = client().sessionReceiver()
                .queueName(EntityNames.REPLIES_QUEUE).buildClient()) {
            for (ChaosPlan.Planned request : plan.requests()) {
                if (request.replySession() == null) {
                    continue;
                }
                List<String> bodies = new ArrayList<>();
                try (ServiceBusReceiverClient session = sessions.acceptSession(request.replySession())) {
                    while (true) {
                        // The replies were sent long ago: a short wait tells an empty session from a slow one.
                        List<ServiceBusReceivedMessage> batch = session.receiveMessages(10, Duration.ofMillis(500))
                                .stream().toList();
                        if (batch.isEmpty()) {
                            break;
                        }
                        for (ServiceBusReceivedMessage message : batch) {
                            bodies.add(message.getBody().toString());
                            session.complete(message);
                        }
                    }
                }
                replies.put(request.replySession(), bodies);
            }
        }
        return replies;
    }

    private List<String> deadLetters() {
        List<String> lines = new ArrayList<>();
        try (ServiceBusReceiverClient queue = client().receiver().queueName(EntityNames.REQUESTS_QUEUE)
                .subQueue(SubQueue.DEAD_LETTER_QUEUE).buildClient();
             ServiceBusReceiverClient subscription = client().receiver().topicName(EntityNames.EVENTS_TOPIC)
                     .subscriptionName(EntityNames.ALL_EVENTS_SUBSCRIPTION).subQueue(SubQueue.DEAD_LETTER_QUEUE)
                     .buildClient()) {
            for (ServiceBusReceivedMessage m : queue.peekMessages(100)) {
                lines.add(EntityNames.REQUESTS_QUEUE + " " + m.getMessageId() + " " + m.getDeadLetterReason());
            }
            for (ServiceBusReceivedMessage m : subscription.peekMessages(100)) {
                lines.add(EntityNames.ALL_EVENTS_SUBSCRIPTION + " " + m.getMessageId() + " "
                        + m.getDeadLetterReason());
            }
        }
        return lines;
    }

    /** Every compute name ARM lists in the demo workspace, following nextLink. */
    private List<String> computes() {
        List<String> names = new ArrayList<>();
        String next = endpoints.armEndpoint() + WORKSPACE + "/computes?api-version=2025-12-01";
        while (next != null && !next.isEmpty()) {
            JsonNode page = readJson(get(URI.create(next), Map.of()).body());
            page.path("value").forEach(compute -> names.add(compute.path("name").asText()));
            next = page.path("nextLink").asText(null);
        }
        return names;
    }

    /** The status API's runtimeStatus, {@code 404} when it knows no such request, {@code HTTP <n>} otherwise. */
    private String status(String requestId) {
        HttpResponse<String> response = get(URI.create(endpoints.statusApiBaseUrl() + "/" + requestId),
                Map.of("x-functions-key", endpoints.functionKey()));
        if (response.statusCode() == 200) {
            return readJson(response.body()).path("runtimeStatus").asText();
        }
        return response.statusCode() == 404 ? "404" : "HTTP " + response.statusCode();
    }

    private static List<ServiceBusReceivedMessage> peekAll(ServiceBusReceiverClient peeker) {
        List<ServiceBusReceivedMessage> all = new ArrayList<>();
        long from = 0;
        while (true) {
            List<ServiceBusReceivedMessage> batch = peeker.peekMessages(100, from).stream().toList();
            if (batch.isEmpty()) {
                return all;
            }
            all.addAll(batch);
            from = batch.get(batch.size() - 1).getSequenceNumber() + 1;
        }
    }

    private static String requestIdOf(ServiceBusReceivedMessage message) {
        return String.valueOf(message.getApplicationProperties().get("requestId"));
    }

    private static HttpResponse<String> get(URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
        headers.forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + uri.getPath() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode readJson(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + text, e);
        }
    }

    private ServiceBusClientBuilder client() {
        return new ServiceBusClientBuilder().connectionString(endpoints.serviceBusConnectionString())
                .retryOptions(new AmqpRetryOptions().setTryTimeout(Duration.ofSeconds(10)).setMaxRetries(3));
    }

    @Override
    public void close() {
        requests.close();
    }
}
