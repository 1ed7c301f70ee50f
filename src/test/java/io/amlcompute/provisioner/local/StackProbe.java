package io.amlcompute.provisioner.local;

import static org.awaitility.Awaitility.await;

import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusProcessorClient;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.ServiceBusSessionReceiverClient;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlcompute.provisioner.config.EntityNames;
import io.amlcompute.provisioner.contract.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * What a producer and a consumer of the app see of a running stack, through the official clients: requests sent to
 * the requests queue, every event on the topic's catch-all subscription collected in arrival order, replies read
 * from a reply session, the status API called over HTTP.
 */
final class StackProbe implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String connectionString;
    private final URI statusApi;
    private final String functionKey;
    private final ServiceBusSenderClient requests;
    private final ServiceBusSenderClient markers;
    private final ServiceBusProcessorClient eventCollector;
    private final Queue<Event> events = new ConcurrentLinkedQueue<>();

    /** A probe that collects every event from now on (taking them off the subscription). */
    StackProbe(String connectionString, URI statusApi, String functionKey) {
        this(connectionString, statusApi, functionKey, true);
    }

    /** @param collectEvents false leaves the events on the subscription (see {@link #awaitOnSubscription}) */
    StackProbe(String connectionString, URI statusApi, String functionKey, boolean collectEvents) {
        this.connectionString = connectionString;
        this.statusApi = statusApi;
        this.functionKey = functionKey;
        this.requests = client().sender().queueName(EntityNames.REQUESTS_QUEUE).buildClient();
        this.markers = client().sender().topicName(EntityNames.EVENTS_TOPIC).buildClient();
        // One call at a time, so events are collected in the order the subscription holds them.
        this.eventCollector = client().processor().topicName(EntityNames.EVENTS_TOPIC)
                .subscriptionName(EntityNames.ALL_EVENTS_SUBSCRIPTION)
                .receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE).maxConcurrentCalls(1)
                .processMessage(context -> events.add(Event.of(context.getMessage())))
                .processError(error -> { })
                .buildProcessorClient();
        if (collectEvents) {
            eventCollector.start();
        }
    }

    static StackProbe of(LocalStack stack) {
        return new StackProbe(stack.serviceBusConnectionString(), stack.statusApiBaseUrl(), stack.functionKey());
    }

    /** A sample request from samples/requests with its requestId replaced. */
    static ObjectNode sample(String name, String requestId) {
        try {
            ObjectNode request = (ObjectNode) Json.MAPPER.readTree(Files.readString(
                    Path.of("samples", "requests", name + ".json")));
            request.put("requestId", requestId);
            return request;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Sends a request; returns its MessageId. */
    String send(JsonNode request) {
        return send(request, UUID.randomUUID().toString(), message -> { });
    }

    String send(JsonNode request, String messageId, Consumer<ServiceBusMessage> customize) {
        ServiceBusMessage message = new ServiceBusMessage(request.toString()).setMessageId(messageId)
                .setContentType("application/json");
        customize.accept(message);
        requests.sendMessage(message);
        return messageId;
    }

    /** Sends a message as it is, body and properties: for bodies that are not a request at all. */
    void sendMessage(ServiceBusMessage message) {
        requests.sendMessage(message);
    }

    /** Events whose correlationId application property is this one (an event without a requestId has it still). */
    List<Event> eventsCorrelatedWith(String correlationId) {
        return events.stream().filter(e -> correlationId.equals(e.properties().get("correlationId"))).toList();
    }

    /** The MessageIds in the requests queue's dead-letter queue (peeked). */
    List<String> deadLetteredMessageIds() {
        try (ServiceBusReceiverClient peeker = client().receiver().queueName(EntityNames.REQUESTS_QUEUE)
                .subQueue(com.azure.messaging.servicebus.models.SubQueue.DEAD_LETTER_QUEUE).buildClient()) {
            return peeker.peekMessages(100, 0L).stream().map(ServiceBusReceivedMessage::getMessageId).toList();
        }
    }

    /** Waits for the first event about a request. */
    Event awaitEvent(String requestId) {
        return await().atMost(WAIT).until(() -> eventsFor(requestId), list -> !list.isEmpty()).get(0);
    }

    /** Waits until an event about the request waits on the catch-all subscription (peeked, left there). */
    void awaitOnSubscription(String requestId) {
        try (ServiceBusReceiverClient peeker = client().receiver().topicName(EntityNames.EVENTS_TOPIC)
                .subscriptionName(EntityNames.ALL_EVENTS_SUBSCRIPTION).buildClient()) {
            await().atMost(WAIT).until(() -> peeker.peekMessages(100, 0L).stream()
                    .anyMatch(message -> requestId.equals(message.getApplicationProperties().get("requestId"))));
        }
    }

    /** Waits until the catch-all subscription holds no message, locked or not (someone else consumes it). */
    void awaitAllEventsTaken() {
        try (ServiceBusReceiverClient peeker = client().receiver().topicName(EntityNames.EVENTS_TOPIC)
                .subscriptionName(EntityNames.ALL_EVENTS_SUBSCRIPTION).buildClient()) {
            await().atMost(WAIT).until(() -> peeker.peekMessages(100, 0L).stream().findAny().isEmpty());
        }
    }

    List<Event> eventsFor(String requestId) {
        return events.stream().filter(e -> requestId.equals(e.requestId())).toList();
    }

    /**
     * Returns once every event published so far has been collected: a marker sent to the topic after them arrives
     * after them (one subscription, delivered in order, collected one at a time).
     */
    void awaitCollectedSoFar() {
        String marker = "marker-" + UUID.randomUUID();
        ServiceBusMessage message = new ServiceBusMessage("{}").setMessageId(marker);
        message.getApplicationProperties().put("requestId", marker);
        markers.sendMessage(message);
        await().atMost(WAIT).until(() -> !eventsFor(marker).isEmpty());
    }

    /** The messages of one reply session, read until the session has none left. */
    List<Event> replies(String sessionId) {
        try (ServiceBusSessionReceiverClient sessions = client().sessionReceiver()
                .queueName(EntityNames.REPLIES_QUEUE).buildClient();
             ServiceBusReceiverClient session = sessions.acceptSession(sessionId)) {
            List<Event> replies = new ArrayList<>();
            while (true) {
                List<ServiceBusReceivedMessage> batch = session.receiveMessages(10, Duration.ofSeconds(2)).stream().toList();
                if (batch.isEmpty()) {
                    return replies;
                }
                for (ServiceBusReceivedMessage message : batch) {
                    replies.add(Event.of(message));
                    session.complete(message);
                }
            }
        }
    }

    HttpResponse<String> status(String requestId, String key) {
        String query = key == null ? "" : "?code=" + URLEncoder.encode(key, StandardCharsets.UTF_8);
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(statusApi + "/" + requestId + query)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The status API's answer with the stack's key, as JSON; null unless 200. */
    JsonNode status(String requestId) {
        HttpResponse<String> response = status(requestId, functionKey);
        try {
            return response.statusCode() == 200 ? Json.MAPPER.readTree(response.body()) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ServiceBusClientBuilder client() {
        return new ServiceBusClientBuilder().connectionString(connectionString)
                .retryOptions(new AmqpRetryOptions().setTryTimeout(Duration.ofSeconds(10)).setMaxRetries(3));
    }

    @Override
    public void close() {
        eventCollector.close();
        markers.close();
        requests.close();
    }

    /** One event message: its MessageId, Subject, application properties and CloudEvent body. */
    record Event(String messageId, String subject, String sessionId, Map<String, Object> properties, JsonNode body) {

        static Event of(ServiceBusReceivedMessage message) {
            try {
                return new Event(message.getMessageId(), message.getSubject(), message.getSessionId(),
                        Map.copyOf(message.getApplicationProperties()), Json.MAPPER.readTree(message.getBody().toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String requestId() {
            return String.valueOf(properties.get("requestId"));
        }

        String type() {
            return body.path("type").asText();
        }

        String outcome() {
            return body.path("data").path("outcome").asText(null);
        }
    }
}
