package io.amlcompute.provisioner.functions;

import com.azure.core.amqp.models.AmqpMessageBody;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.models.DeadLetterOptions;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import com.azure.messaging.servicebus.models.SubQueue;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.ExecutionContext;
import io.amlcompute.provisioner.config.EntityNames;
import io.amlcompute.provisioner.config.Settings;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.contract.event.ComputeEvents;
import io.amlcompute.provisioner.contract.event.EventType;
import io.amlcompute.provisioner.events.ServiceBusClients;
import io.amlcompute.provisioner.events.ServiceBusEventPublisher;
import io.amlcompute.provisioner.local.servicebus.ServiceBusEmulator;
import io.amlcompute.provisioner.local.servicebus.ServiceBusEmulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The timer function over the Service Bus emulator with the official client: dead letters of the requests queue whose
 * body is not text are answered once and removed; every other dead letter stays. Only the host's ExecutionContext is
 * mocked.
 */
class AnswerUndeliverableRequestsTest {

    private ServiceBusEmulator bus;
    private Settings settings;
    private ServiceBusEventPublisher publisher;
    private ProvisionerApp app;
    private AnswerUndeliverableRequests function;
    private final ExecutionContext context = mock(ExecutionContext.class);
    private final List<String> logLines = new ArrayList<>();

    @BeforeEach
    void start() {
        bus = ServiceBusEmulator.start(ServiceBusEmulatorConfig.appDefaults());
        settings = Settings.of(Map.of("ServiceBusConnection", bus.connectionString()));
        publisher = new ServiceBusEventPublisher(ServiceBusClients.builder(settings), EntityNames.EVENTS_TOPIC);
        app = new ProvisionerApp(settings, () -> publisher,
                () -> { throw new AssertionError("answering never calls ARM"); }, Clock.systemUTC());
        function = new AnswerUndeliverableRequests(() -> app);
        Logger logger = Logger.getLogger("test.AnswerUndeliverableRequests");
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
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

    @AfterEach
    void stop() {
        app.close();
        publisher.close();
        bus.close();
    }

    @Test
    void answersASequenceBodyAndANonStringValueOnceAndLeavesEveryOtherDeadLetter() throws IOException {
        ServiceBusMessage sequence = new ServiceBusMessage(AmqpMessageBody.fromSequence(List.of("{", "}")))
                .setMessageId("sequence");
        sequence.getApplicationProperties().put("correlationId", "pipeline-run-7");
        ServiceBusMessage number = new ServiceBusMessage(AmqpMessageBody.fromValue(42)).setMessageId("number");
        ServiceBusMessage failedRequest = new ServiceBusMessage("{\"requestId\":\"r-1\"}").setMessageId("data");
        ServiceBusMessage textValue = new ServiceBusMessage(AmqpMessageBody.fromValue("{}")).setMessageId("text-value");
        Map<String, Long> sequenceNumbers = deadLetter(List.of(failedRequest, sequence, number, textValue));

        function.run("{}", context);

        List<JsonNode> events = takeEvents();
        assertThat(events).hasSize(2).allSatisfy(event -> {
            assertThat(event.path("type").asText()).isEqualTo(EventType.REJECTED.wireName());
            assertThat(event.path("data").path("outcome").asText()).isEqualTo("rejected");
            JsonNode error = event.path("data").path("errors").get(0);
            assertThat(error.path("code").asText()).isEqualTo("BODY_NOT_TEXT");
            assertThat(error.path("path").asText()).isEqualTo("$");
            assertThat(error.path("message").asText()).contains("data").contains("string");
        });
        assertThat(events).extracting(event -> event.path("id").asText()).containsExactlyInAnyOrder(
                ComputeEvents.eventId("dead-letter:" + sequenceNumbers.get("sequence"), EventType.REJECTED),
                ComputeEvents.eventId("dead-letter:" + sequenceNumbers.get("number"), EventType.REJECTED));
        assertThat(events).extracting(event -> event.path("data").path("correlationId").asText(null))
                .containsExactlyInAnyOrder("pipeline-run-7", null);
        assertThat(deadLetterIds()).containsExactly("data", "text-value");
        assertThat(logLines).hasSize(2).allSatisfy(line -> assertThat(line)
                .startsWith("event=request.rejected").contains("reasons=BODY_NOT_TEXT").contains("deliveryKey=dead-letter:"));

        function.run("{}", context);

        assertThat(takeEvents()).as("a second run has nothing more to answer").isEmpty();
        assertThat(deadLetterIds()).containsExactly("data", "text-value");
    }

    @Test
    void repliesOnTheSessionTheMessageAskedFor() throws IOException {
        ServiceBusMessage sequence = new ServiceBusMessage(AmqpMessageBody.fromSequence(List.of(1, 2)));
        sequence.getApplicationProperties().put("replyTo", EntityNames.REPLIES_QUEUE);
        sequence.getApplicationProperties().put("replyToSessionId", "waiting-producer");
        deadLetter(List.of(sequence));

        function.run("{}", context);

        try (var sessions = ServiceBusClients.builder(settings).sessionReceiver().queueName(EntityNames.REPLIES_QUEUE)
                .receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE).buildClient();
             ServiceBusReceiverClient receiver = sessions.acceptSession("waiting-producer")) {
            List<ServiceBusReceivedMessage> replies = receiver.receiveMessages(10, Duration.ofSeconds(2)).stream().toList();
            assertThat(replies).singleElement().satisfies(reply -> assertThat(Json.MAPPER.readTree(
                    reply.getBody().toBytes()).path("data").path("errors").get(0).path("code").asText())
                    .isEqualTo("BODY_NOT_TEXT"));
        }
        assertThat(takeEvents()).hasSize(1);
    }

    /** Sends each message to the requests queue and dead-letters it, as Service Bus does after MaxDeliveryCount. */
    private Map<String, Long> deadLetter(List<ServiceBusMessage> messages) {
        Map<String, Long> sequenceNumbers = new java.util.HashMap<>();
        try (ServiceBusSenderClient sender = ServiceBusClients.builder(settings).sender()
                .queueName(EntityNames.REQUESTS_QUEUE).buildClient();
             ServiceBusReceiverClient receiver = ServiceBusClients.builder(settings).receiver()
                     .queueName(EntityNames.REQUESTS_QUEUE).disableAutoComplete().buildClient()) {
            messages.forEach(sender::sendMessage);
            int left = messages.size();
            while (left > 0) {
                for (ServiceBusReceivedMessage message : receiver.receiveMessages(left, Duration.ofSeconds(5))) {
                    receiver.deadLetter(message, new DeadLetterOptions().setDeadLetterReason("MaxDeliveryCountExceeded"));
                    sequenceNumbers.put(String.valueOf(message.getMessageId()), message.getSequenceNumber());
                    left--;
                }
            }
        }
        return sequenceNumbers;
    }

    private List<String> deadLetterIds() {
        try (ServiceBusReceiverClient peeker = ServiceBusClients.builder(settings).receiver()
                .queueName(EntityNames.REQUESTS_QUEUE).subQueue(SubQueue.DEAD_LETTER_QUEUE).buildClient()) {
            return peeker.peekMessages(100, 0L).stream().map(ServiceBusReceivedMessage::getMessageId).toList();
        }
    }

    private List<JsonNode> takeEvents() throws IOException {
        List<JsonNode> events = new ArrayList<>();
        try (ServiceBusReceiverClient receiver = ServiceBusClients.builder(settings).receiver()
                .topicName(EntityNames.EVENTS_TOPIC).subscriptionName(EntityNames.ALL_EVENTS_SUBSCRIPTION)
                .receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE).buildClient()) {
            for (ServiceBusReceivedMessage message : receiver.receiveMessages(10, Duration.ofSeconds(2))) {
                events.add(Json.MAPPER.readTree(message.getBody().toBytes()));
            }
        }
        return events;
    }
}
