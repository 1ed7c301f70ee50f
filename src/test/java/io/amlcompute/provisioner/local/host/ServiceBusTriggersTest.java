package io.amlcompute.provisioner.local.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.models.SubQueue;
import io.amlcompute.provisioner.local.host.testbus.Inbox;
import io.amlcompute.provisioner.local.servicebus.QueueDefinition;
import io.amlcompute.provisioner.local.servicebus.ServiceBusEmulator;
import io.amlcompute.provisioner.local.servicebus.ServiceBusEmulatorConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The test app's Service Bus triggered function, fed by the host from the emulator, messages sent by the official client. */
@Timeout(60)
class ServiceBusTriggersTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static ServiceBusEmulator bus;
    private static LocalFunctionsHost host;
    private static ServiceBusSenderClient sender;

    @BeforeAll
    static void start() throws Exception {
        bus = ServiceBusEmulator.start(ServiceBusEmulatorConfig.builder()
                .queue(QueueDefinition.named("inbox").withMaxDeliveryCount(3)).build());
        host = LocalFunctionsHost.start(LocalFunctionsHostOptions.forApp(Map.of(
                        "INBOX_QUEUE", "inbox", "TestBus", bus.connectionString()))
                .withFunctionsPackage("io.amlcompute.provisioner.local.host.testbus"));
        sender = client().sender().queueName("inbox").buildClient();
    }

    @AfterAll
    static void stop() {
        sender.close();
        host.close();
        bus.close();
    }

    @Test
    void bindsTheBodyAndTheMessageMetadataUnderTheFunctionsHostNames() {
        String id = UUID.randomUUID().toString();
        ServiceBusMessage message = new ServiceBusMessage("{\"hello\":\"world\"}")
                .setMessageId(id).setCorrelationId("corr-1").setReplyTo("replies").setReplyToSessionId("session-9")
                .setSubject("greeting");
        message.getApplicationProperties().put("team", "forecasting");
        Instant before = Instant.now().minusSeconds(1);

        sender.sendMessage(message);

        Inbox.Delivery delivery = awaitDeliveries(id, 1).get(0);
        assertThat(delivery.body()).isEqualTo("{\"hello\":\"world\"}");
        assertThat(delivery.correlationId()).isEqualTo("corr-1");
        assertThat(delivery.replyTo()).isEqualTo("replies");
        assertThat(delivery.replyToSessionId()).isEqualTo("session-9");
        assertThat(delivery.deliveryCount()).isEqualTo(1);
        assertThat(delivery.sessionId()).isNull();
        assertThat(delivery.subject()).isEqualTo("greeting");
        assertThat(Instant.parse(delivery.enqueuedTimeUtc())).isAfter(before);
        assertThat(delivery.applicationProperties()).containsEntry("team", "forecasting");
    }

    @Test
    void completesTheMessageWhenTheFunctionReturns() {
        String id = send("just once");

        awaitDeliveries(id, 1);

        awaitGoneFromQueue(id);
        assertThat(deliveriesOf(id)).hasSize(1);
    }

    @Test
    void abandonsTheMessageWhenTheFunctionThrowsSoItIsDeliveredAgainWithAHigherCount() {
        String id = send("fail-until-3");

        List<Inbox.Delivery> deliveries = awaitDeliveries(id, 3);

        assertThat(deliveries).extracting(Inbox.Delivery::deliveryCount).containsExactly(1, 2, 3);
        assertThat(deliveries).extracting(Inbox.Delivery::invocationId).doesNotHaveDuplicates();
        awaitGoneFromQueue(id);
        assertThat(deliveriesOf(id)).hasSize(3);
    }

    @Test
    void leavesAMessageThatAlwaysFailsToServiceBusToDeadLetterAfterMaxDeliveryCount() {
        String id = send("always-fail");

        awaitDeliveries(id, 3);

        try (ServiceBusReceiverClient deadLetters = client().receiver().queueName("inbox")
                .subQueue(SubQueue.DEAD_LETTER_QUEUE).buildClient()) {
            ServiceBusReceivedMessage dead = await().atMost(WAIT).until(() -> deadLetters.peekMessage(0L),
                    message -> message != null);
            assertThat(dead.getMessageId()).isEqualTo(id);
            assertThat(dead.getDeadLetterReason()).isEqualTo("MaxDeliveryCountExceeded");
        }
    }

    private static String send(String body) {
        String id = UUID.randomUUID().toString();
        sender.sendMessage(new ServiceBusMessage(body).setMessageId(id));
        return id;
    }

    private static List<Inbox.Delivery> awaitDeliveries(String messageId, int count) {
        return await().atMost(WAIT).until(() -> deliveriesOf(messageId), list -> list.size() >= count);
    }

    private static List<Inbox.Delivery> deliveriesOf(String messageId) {
        return Inbox.DELIVERIES.stream().filter(d -> messageId.equals(d.messageId())).toList();
    }

    /** Peeks the whole queue (locked messages included) until the message is no longer there. */
    private static void awaitGoneFromQueue(String messageId) {
        try (ServiceBusReceiverClient peeker = client().receiver().queueName("inbox").buildClient()) {
            await().atMost(WAIT).until(() -> peeker.peekMessages(100, 0L).stream()
                    .noneMatch(message -> messageId.equals(message.getMessageId())));
        }
    }

    private static ServiceBusClientBuilder client() {
        return new ServiceBusClientBuilder().connectionString(bus.connectionString())
                .retryOptions(new AmqpRetryOptions().setTryTimeout(Duration.ofSeconds(5)).setMaxRetries(1));
    }
}
