package io.amlcompute.provisioner.cli;

import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import io.amlcompute.provisioner.config.EntityNames;
import io.amlcompute.provisioner.config.Settings;
import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.contract.event.Completion;
import io.amlcompute.provisioner.contract.event.ComputeEvent;
import io.amlcompute.provisioner.contract.event.ComputeEvents;
import io.amlcompute.provisioner.contract.event.EventType;
import io.amlcompute.provisioner.contract.event.Outcome;
import io.amlcompute.provisioner.contract.validation.MessageEnvelope;
import io.amlcompute.provisioner.contract.validation.ParseResult;
import io.amlcompute.provisioner.contract.validation.RequestDefaults;
import io.amlcompute.provisioner.contract.validation.RequestParser;
import io.amlcompute.provisioner.contract.validation.Samples;
import io.amlcompute.provisioner.events.ServiceBusClients;
import io.amlcompute.provisioner.events.ServiceBusEventPublisher;
import io.amlcompute.provisioner.local.servicebus.ServiceBusEmulator;
import io.amlcompute.provisioner.local.servicebus.ServiceBusEmulatorConfig;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The project's Service Bus emulator with the app's entities, the official client to look at what the CLI sent,
 * and the app's own publisher to play the function's part.
 */
final class LocalServiceBus implements AutoCloseable {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    private final ServiceBusEmulator emulator = ServiceBusEmulator.start(ServiceBusEmulatorConfig.appDefaults());
    private final ServiceBusEventPublisher publisher = new ServiceBusEventPublisher(builder(), EntityNames.EVENTS_TOPIC);

    /** The samples' policy plus the connection string in the CLI's own variable. */
    Map<String, String> variables() {
        Map<String, String> variables = new HashMap<>(CliRun.SAMPLE_POLICY);
        variables.put(ServiceBusOptions.CONNECTION_STRING_VARIABLE, emulator.connectionString());
        return variables;
    }

    String connectionString() {
        return emulator.connectionString();
    }

    ServiceBusClientBuilder builder() {
        return ServiceBusClients.builder(Settings.of(Map.of("ServiceBusConnection", emulator.connectionString())));
    }

    ServiceBusEventPublisher publisher() {
        return publisher;
    }

    /** The next request on the requests queue, taken off it; fails when none comes within 10 s. */
    ServiceBusReceivedMessage takeRequest() {
        try (ServiceBusReceiverClient receiver = builder().receiver().queueName(EntityNames.REQUESTS_QUEUE)
                .receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE).buildClient()) {
            return receiver.receiveMessages(1, Duration.ofSeconds(10)).stream().findFirst()
                    .orElseThrow(() -> new AssertionError("no request on " + EntityNames.REQUESTS_QUEUE));
        }
    }

    /** Puts a message that is not an event on a queue or topic, with a session id when the queue needs one. */
    void sendRaw(String queueOrTopic, boolean topic, String sessionId, String body) {
        var sender = topic ? builder().sender().topicName(queueOrTopic) : builder().sender().queueName(queueOrTopic);
        try (var client = sender.buildClient()) {
            client.sendMessage(new com.azure.messaging.servicebus.ServiceBusMessage(body).setSessionId(sessionId));
        }
    }

    /** What a queue or subscription holds, without taking it. */
    List<ServiceBusReceivedMessage> peekQueue(String queue) {
        try (ServiceBusReceiverClient receiver = builder().receiver().queueName(queue).buildClient()) {
            return receiver.peekMessages(100, 0).stream().toList();
        }
    }

    List<ServiceBusReceivedMessage> peekSubscription(String subscription) {
        try (ServiceBusReceiverClient receiver = builder().receiver().topicName(EntityNames.EVENTS_TOPIC)
                .subscriptionName(subscription).buildClient()) {
            return receiver.peekMessages(100, 0).stream().toList();
        }
    }

    /** The event the app would publish when {@code request} ends as {@code type}. */
    static ComputeEvent eventFor(ComputeRequest request, EventType type) {
        Completion completion = switch (type) {
            case READY -> new Completion(type, Outcome.CREATED, new ComputeStatus("Succeeded", "Steady",
                    new ComputeStatus.NodeCounts(0, 0, 0, 0, 0, 0, 0, 0), List.of()), List.of(), List.of(), 3);
            case FAILED -> new Completion(type, Outcome.CREATED, new ComputeStatus("Failed", null, null, List.of()),
                    List.of(ComputeStatus.ErrorInfo.of("QuotaExceeded", "Not enough quota")), List.of(), 2);
            default -> new Completion(type, null, null, List.of(), List.of(), 0);
        };
        return ComputeEvents.completed(request, completion, NOW.minusSeconds(95), NOW);
    }

    /** A sample request with another requestId. */
    static ComputeRequest sampleRequest(String requestId) {
        return parse(Samples.with("ensure-amlcompute.json", "/requestId", "\"" + requestId + "\""), null);
    }

    static ComputeRequest parse(String body, String messageId) {
        ParseResult result = new RequestParser(RequestDefaults.standard()).parse(body,
                new MessageEnvelope(messageId, null));
        if (result instanceof ParseResult.Parsed parsed) {
            return parsed.request();
        }
        throw new AssertionError("not a valid request: " + result);
    }

    @Override
    public void close() {
        publisher.close();
        emulator.close();
    }
}
