package io.amlcompute.provisioner.local.servicebus;

import com.azure.messaging.servicebus.ServiceBusException;
import com.azure.messaging.servicebus.ServiceBusFailureReason;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.models.ServiceBusMessageState;
import com.azure.messaging.servicebus.models.SubQueue;
import io.amlcompute.provisioner.local.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules that follow the clock, driven by a ManualClock: locks, time to live, scheduling, de-duplication. */
class ServiceBusEmulatorClockTest {

    private static final String QUEUE = "jobs";
    private static final String EPHEMERAL = "ephemeral";
    private static final Duration LOCK = Duration.ofSeconds(30);
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final ManualClock clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private ServiceBusEmulator emulator;
    private ServiceBusSenderClient sender;
    private ServiceBusReceiverClient receiver;

    @BeforeEach
    void start() {
        emulator = ServiceBusEmulator.start(ServiceBusEmulatorConfig.builder()
                .clock(clock)
                .queue(QueueDefinition.named(QUEUE).withLockDuration(LOCK)
                        .withDeadLetteringOnMessageExpiration(true)
                        .withDuplicateDetection(Duration.ofMinutes(10)))
                .queue(QueueDefinition.named(EPHEMERAL).withDefaultMessageTimeToLive(Duration.ofMinutes(5)))
                .build());
        sender = EmulatorClients.builder(emulator).sender().queueName(QUEUE).buildClient();
        receiver = receiver(QUEUE, null);
    }

    @AfterEach
    void stop() {
        receiver.close();
        sender.close();
        emulator.close();
    }

    private ServiceBusReceiverClient receiver(String queue, SubQueue subQueue) {
        var builder = EmulatorClients.builder(emulator).receiver().queueName(queue)
                .disableAutoComplete().maxAutoLockRenewDuration(Duration.ZERO);
        if (subQueue != null) {
            builder.subQueue(subQueue);
        }
        return builder.buildClient();
    }

    private static ServiceBusReceivedMessage receiveOne(ServiceBusReceiverClient from) {
        List<ServiceBusReceivedMessage> received = from.receiveMessages(1, WAIT).stream().toList();
        assertThat(received).as("a message within %s", WAIT).hasSize(1);
        return received.get(0);
    }

    @Test
    void anExpiredLockRedeliversTheMessageWithItsDeliveryCountUpAndTheOldLockIsLost() {
        sender.sendMessage(new ServiceBusMessage("slow").setMessageId("s-1"));
        ServiceBusReceivedMessage first = receiveOne(receiver);

        clock.advance(LOCK.plusSeconds(1));
        ServiceBusReceivedMessage again = receiveOne(receiver);

        assertThat(again.getMessageId()).isEqualTo("s-1");
        assertThat(again.getDeliveryCount()).isEqualTo(1);
        assertThatThrownBy(() -> receiver.complete(first))
                .isInstanceOfSatisfying(ServiceBusException.class, e ->
                        assertThat(e.getReason()).isEqualTo(ServiceBusFailureReason.MESSAGE_LOCK_LOST));
        receiver.complete(again);
    }

    @Test
    void renewingTheLockKeepsTheMessageLockedFromTheRenewalOn() {
        sender.sendMessage(new ServiceBusMessage("long job"));
        ServiceBusReceivedMessage message = receiveOne(receiver);

        clock.advance(Duration.ofSeconds(20));
        OffsetDateTime renewedUntil = receiver.renewMessageLock(message);
        clock.advance(Duration.ofSeconds(20));

        assertThat(renewedUntil.toInstant()).isEqualTo(clock.instant().minusSeconds(20).plus(LOCK));
        receiver.complete(message);
        assertThat(receiver.peekMessage(1)).isNull();
    }

    @Test
    void anExpiredMessageIsDeadLetteredWhenTheQueueSaysSo() {
        sender.sendMessage(new ServiceBusMessage("stale").setMessageId("t-1").setTimeToLive(Duration.ofMinutes(1)));

        clock.advance(Duration.ofMinutes(2));

        assertThat(receiver.peekMessage(1)).isNull();
        try (ServiceBusReceiverClient deadLetters = receiver(QUEUE, SubQueue.DEAD_LETTER_QUEUE)) {
            ServiceBusReceivedMessage dead = receiveOne(deadLetters);
            assertThat(dead.getMessageId()).isEqualTo("t-1");
            assertThat(dead.getDeadLetterReason()).isEqualTo("TTLExpiredException");
        }
    }

    @Test
    void aMessageWhoseTimeRunsOutWhileLockedExpiresOnceItIsAbandoned() {
        sender.sendMessage(new ServiceBusMessage("in hand").setMessageId("t-2").setTimeToLive(Duration.ofSeconds(10)));
        ServiceBusReceivedMessage locked = receiveOne(receiver);

        clock.advance(Duration.ofSeconds(20));
        assertThat(receiver.peekMessage(1)).as("still locked, so not expired yet").isNotNull();
        receiver.abandon(locked);
        clock.advance(Duration.ofMillis(1));

        assertThat(receiver.peekMessage(1)).isNull();
        try (ServiceBusReceiverClient deadLetters = receiver(QUEUE, SubQueue.DEAD_LETTER_QUEUE)) {
            assertThat(receiveOne(deadLetters).getDeadLetterReason()).isEqualTo("TTLExpiredException");
        }
    }

    @Test
    void anExpiredMessageIsDroppedWhenTheQueueDoesNotDeadLetterExpiredMessages() {
        try (ServiceBusSenderClient ephemeralSender = EmulatorClients.builder(emulator).sender()
                .queueName(EPHEMERAL).buildClient();
             ServiceBusReceiverClient ephemeral = receiver(EPHEMERAL, null);
             ServiceBusReceiverClient deadLetters = receiver(EPHEMERAL, SubQueue.DEAD_LETTER_QUEUE)) {
            ephemeralSender.sendMessage(new ServiceBusMessage("gone soon"));
            assertThat(ephemeral.peekMessage(1).getExpiresAt().toInstant())
                    .isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));

            clock.advance(Duration.ofMinutes(5));

            assertThat(ephemeral.peekMessage(1)).isNull();
            assertThat(deadLetters.peekMessage(1)).isNull();
        }
    }

    @Test
    void aScheduledMessageBecomesReceivableWhenItIsDueAndACancelledOneNever() {
        OffsetDateTime due = clock.instant().plus(Duration.ofMinutes(10)).atOffset(ZoneOffset.UTC);
        long kept = sender.scheduleMessage(new ServiceBusMessage("kept").setMessageId("k"), due);
        long cancelled = sender.scheduleMessage(new ServiceBusMessage("cancelled").setMessageId("c"), due);

        sender.cancelScheduledMessage(cancelled);

        List<ServiceBusReceivedMessage> waiting = receiver.peekMessages(10, 1).stream().toList();
        assertThat(waiting).extracting(ServiceBusReceivedMessage::getSequenceNumber).containsExactly(kept);
        assertThat(waiting.get(0).getState()).isEqualTo(ServiceBusMessageState.SCHEDULED);

        clock.advance(Duration.ofMinutes(10));
        ServiceBusReceivedMessage delivered = receiveOne(receiver);

        assertThat(delivered.getMessageId()).isEqualTo("k");
        assertThat(delivered.getEnqueuedTime().toInstant()).isEqualTo(due.toInstant());
        receiver.complete(delivered);
        assertThat(receiver.peekMessage(1)).isNull();
    }

    @Test
    void aMessageIdSeenWithinTheDuplicateDetectionWindowIsDroppedSilently() {
        sender.sendMessage(new ServiceBusMessage("once").setMessageId("dup-1"));
        sender.sendMessage(new ServiceBusMessage("twice").setMessageId("dup-1"));
        clock.advance(Duration.ofMinutes(11));
        sender.sendMessage(new ServiceBusMessage("after the window").setMessageId("dup-1"));

        List<String> bodies = receiver.peekMessages(10, 1).stream()
                .map(message -> message.getBody().toString()).toList();

        assertThat(bodies).containsExactly("once", "after the window");
    }
}
