package io.amlcompute.provisioner.local.servicebus;

import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.models.AbandonOptions;
import com.azure.messaging.servicebus.models.DeadLetterOptions;
import com.azure.messaging.servicebus.models.ServiceBusMessageState;
import com.azure.messaging.servicebus.models.SubQueue;
import io.amlcompute.provisioner.local.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every way a peek-locked message can be settled, through the official receiver client. */
class ServiceBusEmulatorSettlementTest {

    private static final String QUEUE = "work";
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final ManualClock clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private ServiceBusEmulator emulator;
    private ServiceBusSenderClient sender;
    private ServiceBusReceiverClient receiver;

    @BeforeEach
    void start() {
        emulator = ServiceBusEmulator.start(ServiceBusEmulatorConfig.builder()
                .clock(clock)
                .queue(QueueDefinition.named(QUEUE).withMaxDeliveryCount(3))
                .build());
        sender = EmulatorClients.builder(emulator).sender().queueName(QUEUE).buildClient();
        receiver = receiverOf(null);
    }

    @AfterEach
    void stop() {
        receiver.close();
        sender.close();
        emulator.close();
    }

    private ServiceBusReceiverClient receiverOf(SubQueue subQueue) {
        var builder = EmulatorClients.builder(emulator).receiver().queueName(QUEUE)
                .disableAutoComplete().maxAutoLockRenewDuration(Duration.ZERO);
        if (subQueue != null) {
            builder.subQueue(subQueue);
        }
        return builder.buildClient();
    }

    private ServiceBusReceivedMessage receiveOne(ServiceBusReceiverClient from) {
        List<ServiceBusReceivedMessage> received = from.receiveMessages(1, WAIT).stream().toList();
        assertThat(received).as("a message within %s", WAIT).hasSize(1);
        return received.get(0);
    }

    @Test
    void completeRemovesTheMessage() {
        sender.sendMessage(new ServiceBusMessage("done"));

        receiver.complete(receiveOne(receiver));

        assertThat(receiver.peekMessage(1)).isNull();
    }

    @Test
    void abandonMakesTheMessageAvailableAgainWithItsDeliveryCountUpAndPropertiesModified() {
        sender.sendMessage(new ServiceBusMessage("retry me").setMessageId("r-1"));
        ServiceBusReceivedMessage first = receiveOne(receiver);

        receiver.abandon(first, new AbandonOptions().setPropertiesToModify(Map.of("attempt", "first")));
        ServiceBusReceivedMessage second = receiveOne(receiver);

        assertThat(first.getDeliveryCount()).isZero();
        assertThat(second.getMessageId()).isEqualTo("r-1");
        assertThat(second.getDeliveryCount()).isEqualTo(1);
        assertThat(second.getApplicationProperties()).containsEntry("attempt", "first");
        assertThat(second.getLockToken()).isNotEqualTo(first.getLockToken());
        receiver.complete(second);
    }

    @Test
    void deferSetsTheMessageAsideUntilItIsReceivedBySequenceNumber() {
        sender.sendMessage(new ServiceBusMessage("later"));
        ServiceBusReceivedMessage message = receiveOne(receiver);

        receiver.defer(message);

        assertThat(receiver.peekMessage(1).getState()).isEqualTo(ServiceBusMessageState.DEFERRED);
        ServiceBusReceivedMessage deferred = receiver.receiveDeferredMessage(message.getSequenceNumber());
        assertThat(deferred.getBody().toString()).isEqualTo("later");
        assertThat(deferred.getState()).isEqualTo(ServiceBusMessageState.DEFERRED);
        receiver.complete(deferred);
        assertThat(receiver.peekMessage(1)).isNull();
    }

    @Test
    void deadLetterMovesTheMessageToTheDeadLetterQueueWithReasonAndDescription() {
        sender.sendMessage(new ServiceBusMessage("poison").setMessageId("p-1"));

        receiver.deadLetter(receiveOne(receiver), new DeadLetterOptions()
                .setDeadLetterReason("ValidationFailed")
                .setDeadLetterErrorDescription("computeName is missing"));

        assertThat(receiver.peekMessage(1)).isNull();
        try (ServiceBusReceiverClient deadLetters = receiverOf(SubQueue.DEAD_LETTER_QUEUE)) {
            ServiceBusReceivedMessage dead = receiveOne(deadLetters);
            assertThat(dead.getMessageId()).isEqualTo("p-1");
            assertThat(dead.getDeadLetterReason()).isEqualTo("ValidationFailed");
            assertThat(dead.getDeadLetterErrorDescription()).isEqualTo("computeName is missing");
            // Service Bus sets DeadLetterSource only on messages auto-forwarded out of a dead-letter queue.
            assertThat(dead.getDeadLetterSource()).isNull();
            deadLetters.complete(dead);
        }
    }

    @Test
    void aMessageAbandonedMaxDeliveryCountTimesIsDeadLettered() {
        sender.sendMessage(new ServiceBusMessage("never works").setMessageId("n-1"));

        for (int attempt = 0; attempt < 3; attempt++) {
            receiver.abandon(receiveOne(receiver));
        }

        assertThat(receiver.peekMessage(1)).isNull();
        try (ServiceBusReceiverClient deadLetters = receiverOf(SubQueue.DEAD_LETTER_QUEUE)) {
            ServiceBusReceivedMessage dead = receiveOne(deadLetters);
            assertThat(dead.getMessageId()).isEqualTo("n-1");
            assertThat(dead.getDeadLetterReason()).isEqualTo("MaxDeliveryCountExceeded");
            assertThat(dead.getDeliveryCount()).isEqualTo(3);
        }
    }
}
