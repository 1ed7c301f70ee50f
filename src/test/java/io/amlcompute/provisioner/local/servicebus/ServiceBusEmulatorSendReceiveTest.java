package io.amlcompute.provisioner.local.servicebus;

import com.azure.messaging.servicebus.ServiceBusException;
import com.azure.messaging.servicebus.ServiceBusFailureReason;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusMessageBatch;
import com.azure.messaging.servicebus.ServiceBusProcessorClient;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import io.amlcompute.provisioner.local.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class ServiceBusEmulatorSendReceiveTest {

    private static final String QUEUE = "orders";

    private final ManualClock clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private ServiceBusEmulator emulator;

    @BeforeEach
    void startEmulator() {
        emulator = ServiceBusEmulator.start(ServiceBusEmulatorConfig.builder()
                .clock(clock)
                .queue(QueueDefinition.named(QUEUE))
                .build());
    }

    @AfterEach
    void stopEmulator() {
        emulator.close();
    }

    @Test
    void deliversASentMessageToAPeekLockReceiverWithItsBrokerProperties() {
        try (ServiceBusSenderClient sender = EmulatorClients.builder(emulator).sender().queueName(QUEUE)
                .buildClient();
             ServiceBusReceiverClient receiver = peekLockReceiver()) {
            sender.sendMessage(new ServiceBusMessage("hello").setMessageId("m-1").setSubject("greeting")
                    .setCorrelationId("c-1"));

            List<ServiceBusReceivedMessage> received = receiver.receiveMessages(1, Duration.ofSeconds(5))
                    .stream().toList();

            assertThat(received).hasSize(1);
            ServiceBusReceivedMessage message = received.get(0);
            assertThat(message.getBody().toString()).isEqualTo("hello");
            assertThat(message.getMessageId()).isEqualTo("m-1");
            assertThat(message.getSubject()).isEqualTo("greeting");
            assertThat(message.getCorrelationId()).isEqualTo("c-1");
            assertThat(message.getSequenceNumber()).isEqualTo(1);
            assertThat(message.getDeliveryCount()).isZero();
            assertThat(message.getEnqueuedTime().toInstant()).isEqualTo(clock.instant());
            assertThat(message.getLockedUntil().toInstant()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
            assertThat(message.getLockToken()).isNotBlank();
            receiver.complete(message);
        }
    }

    @Test
    void acceptsABatchAsOneTransferAndNumbersItsMessagesInOrder() {
        try (ServiceBusSenderClient sender = EmulatorClients.builder(emulator).sender().queueName(QUEUE)
                .buildClient();
             ServiceBusReceiverClient receiver = peekLockReceiver()) {
            ServiceBusMessageBatch batch = sender.createMessageBatch();
            for (String body : List.of("one", "two", "three")) {
                assertThat(batch.tryAddMessage(new ServiceBusMessage(body))).isTrue();
            }

            sender.sendMessages(batch);

            List<ServiceBusReceivedMessage> received = receiver.receiveMessages(3, Duration.ofSeconds(5))
                    .stream().toList();
            assertThat(received).extracting(message -> message.getBody().toString())
                    .containsExactly("one", "two", "three");
            assertThat(received).extracting(ServiceBusReceivedMessage::getSequenceNumber).containsExactly(1L, 2L, 3L);
            received.forEach(receiver::complete);
        }
    }

    @Test
    void receiveAndDeleteRemovesTheMessageAsItIsDelivered() {
        try (ServiceBusSenderClient sender = EmulatorClients.builder(emulator).sender().queueName(QUEUE)
                .buildClient();
             ServiceBusReceiverClient receiver = EmulatorClients.builder(emulator).receiver().queueName(QUEUE)
                     .receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE).buildClient()) {
            sender.sendMessages(List.of(new ServiceBusMessage("a"), new ServiceBusMessage("b")));

            List<ServiceBusReceivedMessage> received = receiver.receiveMessages(2, Duration.ofSeconds(5))
                    .stream().toList();

            assertThat(received).extracting(message -> message.getBody().toString()).containsExactly("a", "b");
            assertThat(receiver.peekMessage(1)).isNull();
        }
    }

    @Test
    void peekShowsMessagesWithoutLockingOrCountingADelivery() {
        try (ServiceBusSenderClient sender = EmulatorClients.builder(emulator).sender().queueName(QUEUE)
                .buildClient();
             ServiceBusReceiverClient receiver = peekLockReceiver()) {
            sender.sendMessages(List.of(new ServiceBusMessage("a"), new ServiceBusMessage("b")));

            List<ServiceBusReceivedMessage> peeked = receiver.peekMessages(10).stream().toList();
            ServiceBusReceivedMessage received = receiver.receiveMessages(1, Duration.ofSeconds(5)).stream()
                    .findFirst().orElseThrow();

            assertThat(peeked).extracting(message -> message.getBody().toString()).containsExactly("a", "b");
            assertThat(received.getBody().toString()).isEqualTo("a");
            assertThat(received.getDeliveryCount()).isZero();
            receiver.complete(received);
        }
    }

    @Test
    void aProcessorReceivesMessagesSentWhileItWaitsAndCompletesThem() {
        List<String> processed = new CopyOnWriteArrayList<>();
        ServiceBusProcessorClient processor = EmulatorClients.builder(emulator).processor().queueName(QUEUE)
                .maxAutoLockRenewDuration(Duration.ZERO)
                .processMessage(context -> processed.add(context.getMessage().getBody().toString()))
                .processError(context -> { })
                .buildProcessorClient();
        try (ServiceBusSenderClient sender = EmulatorClients.builder(emulator).sender().queueName(QUEUE)
                .buildClient();
             ServiceBusReceiverClient receiver = peekLockReceiver()) {
            processor.start();
            sender.sendMessage(new ServiceBusMessage("first"));
            sender.sendMessage(new ServiceBusMessage("second"));

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(processed).containsExactly("first", "second"));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(receiver.peekMessage(1)).isNull());
        } finally {
            processor.close();
        }
    }

    @Test
    void carriesAMessageLargerThanOneFrameBothWays() {
        byte[] body = new byte[200 * 1024];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        try (ServiceBusSenderClient sender = EmulatorClients.builder(emulator).sender().queueName(QUEUE)
                .buildClient();
             ServiceBusReceiverClient receiver = peekLockReceiver()) {
            sender.sendMessage(new ServiceBusMessage(body));

            ServiceBusReceivedMessage received = receiver.receiveMessages(1, Duration.ofSeconds(5)).stream()
                    .findFirst().orElseThrow();

            assertThat(received.getBody().toBytes()).isEqualTo(body);
            receiver.complete(received);
        }
    }

    @Test
    void sendingToAnEntityThatDoesNotExistFailsWithEntityNotFound() {
        try (ServiceBusSenderClient sender = EmulatorClients.builder(emulator).sender().queueName("no-such-queue")
                .buildClient()) {
            assertThatThrownBy(() -> sender.sendMessage(new ServiceBusMessage("lost")))
                    .isInstanceOfSatisfying(ServiceBusException.class, e ->
                            assertThat(e.getReason()).isEqualTo(ServiceBusFailureReason.MESSAGING_ENTITY_NOT_FOUND));
        }
    }

    private ServiceBusReceiverClient peekLockReceiver() {
        return EmulatorClients.builder(emulator).receiver().queueName(QUEUE)
                .disableAutoComplete().maxAutoLockRenewDuration(Duration.ZERO).buildClient();
    }
}
