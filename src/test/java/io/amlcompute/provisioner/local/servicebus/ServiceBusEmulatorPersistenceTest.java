package io.amlcompute.provisioner.local.servicebus;

import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.ServiceBusSessionReceiverClient;
import com.azure.messaging.servicebus.models.DeadLetterOptions;
import com.azure.messaging.servicebus.models.ServiceBusMessageState;
import com.azure.messaging.servicebus.models.SubQueue;
import io.amlcompute.provisioner.local.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** With a data directory, what the broker holds survives a restart on the same directory. */
class ServiceBusEmulatorPersistenceTest {

    private static final String QUEUE = "durable";
    private static final String SESSIONS = "durable-sessions";
    private static final String FRAGILE = "fragile";
    private static final int FRAGILE_MAX_DELIVERY_COUNT = 3;

    private final ManualClock clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    @TempDir
    Path dataDirectory;

    private ServiceBusEmulatorConfig config() {
        return ServiceBusEmulatorConfig.builder()
                .clock(clock)
                .dataDirectory(dataDirectory)
                .queue(QueueDefinition.named(QUEUE).withDuplicateDetection(Duration.ofMinutes(10)))
                .queue(QueueDefinition.named(SESSIONS).withRequiresSession(true))
                .queue(QueueDefinition.named(FRAGILE).withMaxDeliveryCount(FRAGILE_MAX_DELIVERY_COUNT))
                .build();
    }

    private static ServiceBusReceiverClient receiver(ServiceBusEmulator emulator, SubQueue subQueue) {
        var builder = EmulatorClients.builder(emulator).receiver().queueName(QUEUE)
                .disableAutoComplete().maxAutoLockRenewDuration(Duration.ZERO);
        if (subQueue != null) {
            builder.subQueue(subQueue);
        }
        return builder.buildClient();
    }

    @Test
    void messagesSequenceNumbersDuplicatesScheduledMessagesAndSessionStateSurviveARestart() {
        long scheduled;
        long deferred;
        try (ServiceBusEmulator emulator = ServiceBusEmulator.start(config());
             ServiceBusSenderClient sender = EmulatorClients.builder(emulator).sender().queueName(QUEUE)
                     .buildClient();
             ServiceBusReceiverClient receiver = receiver(emulator, null);
             ServiceBusSessionReceiverClient sessions = EmulatorClients.builder(emulator).sessionReceiver()
                     .queueName(SESSIONS).disableAutoComplete().maxAutoLockRenewDuration(Duration.ZERO)
                     .buildClient()) {
            sender.sendMessage(new ServiceBusMessage("to defer").setMessageId("defer-me"));
            ServiceBusReceivedMessage toDefer = receiver.receiveMessages(1, Duration.ofSeconds(5)).stream()
                    .findFirst().orElseThrow();
            receiver.defer(toDefer);
            deferred = toDefer.getSequenceNumber();
            sender.sendMessage(new ServiceBusMessage("to dead-letter").setMessageId("dead"));
            receiver.deadLetter(receiver.receiveMessages(1, Duration.ofSeconds(5)).stream().findFirst()
                    .orElseThrow(), new DeadLetterOptions().setDeadLetterReason("Broken"));
            sender.sendMessage(new ServiceBusMessage("still here").setMessageId("kept"));
            scheduled = sender.scheduleMessage(new ServiceBusMessage("later").setMessageId("later"),
                    clock.instant().plus(Duration.ofMinutes(5)).atOffset(ZoneOffset.UTC));
            try (ServiceBusReceiverClient session = sessions.acceptSession("s-1")) {
                session.setSessionState("checkpoint".getBytes(StandardCharsets.UTF_8));
            }
        }

        try (ServiceBusEmulator emulator = ServiceBusEmulator.start(config());
             ServiceBusSenderClient sender = EmulatorClients.builder(emulator).sender().queueName(QUEUE)
                     .buildClient();
             ServiceBusReceiverClient receiver = receiver(emulator, null);
             ServiceBusReceiverClient deadLetters = receiver(emulator, SubQueue.DEAD_LETTER_QUEUE);
             ServiceBusSessionReceiverClient sessions = EmulatorClients.builder(emulator).sessionReceiver()
                     .queueName(SESSIONS).disableAutoComplete().maxAutoLockRenewDuration(Duration.ZERO)
                     .buildClient()) {
            sender.sendMessage(new ServiceBusMessage("duplicate").setMessageId("kept"));
            sender.sendMessage(new ServiceBusMessage("new").setMessageId("new"));

            List<ServiceBusReceivedMessage> all = receiver.peekMessages(10, 1).stream().toList();
            assertThat(all).extracting(ServiceBusReceivedMessage::getMessageId)
                    .containsExactly("defer-me", "kept", "later", "new");
            assertThat(all.get(0).getState()).isEqualTo(ServiceBusMessageState.DEFERRED);
            assertThat(all.get(2).getSequenceNumber()).isEqualTo(scheduled);
            assertThat(all.get(2).getState()).isEqualTo(ServiceBusMessageState.SCHEDULED);
            assertThat(all.get(3).getSequenceNumber()).isEqualTo(scheduled + 2);
            assertThat(receiver.receiveDeferredMessage(deferred).getMessageId()).isEqualTo("defer-me");
            ServiceBusReceivedMessage dead = deadLetters.peekMessage(1);
            assertThat(dead.getMessageId()).isEqualTo("dead");
            assertThat(dead.getDeadLetterReason()).isEqualTo("Broken");
            try (ServiceBusReceiverClient session = sessions.acceptSession("s-1")) {
                assertThat(new String(session.getSessionState(), StandardCharsets.UTF_8)).isEqualTo("checkpoint");
            }
        }
    }

    /**
     * A delivery whose lock goes down with the process (the emulator stops while the message is locked and never
     * settled, as in a crash of the whole local stack) counts as a failed delivery, as a lock expiry does in
     * Service Bus; after MaxDeliveryCount such deliveries the message is dead-lettered instead of coming back
     * forever.
     */
    @Test
    void aDeliveryLostWithTheProcessCountsAndTheMessageIsDeadLetteredAfterMaxDeliveryCount() {
        try (ServiceBusEmulator emulator = ServiceBusEmulator.start(config());
             ServiceBusSenderClient sender = EmulatorClients.builder(emulator).sender().queueName(FRAGILE)
                     .buildClient()) {
            sender.sendMessage(new ServiceBusMessage("crashes its consumer").setMessageId("poison"));
        }
        for (int delivery = 0; delivery < FRAGILE_MAX_DELIVERY_COUNT; delivery++) {
            try (ServiceBusEmulator emulator = ServiceBusEmulator.start(config());
                 ServiceBusReceiverClient receiver = fragileReceiver(emulator, null)) {
                ServiceBusReceivedMessage message = receiver.receiveMessages(1, Duration.ofSeconds(5)).stream()
                        .findFirst().orElseThrow();
                assertThat(message.getMessageId()).isEqualTo("poison");
                assertThat(message.getDeliveryCount()).as("delivery %d", delivery).isEqualTo(delivery);
            } // the lock is neither settled nor expired: it goes down with the emulator
        }

        try (ServiceBusEmulator emulator = ServiceBusEmulator.start(config());
             ServiceBusReceiverClient receiver = fragileReceiver(emulator, null);
             ServiceBusReceiverClient deadLetters = fragileReceiver(emulator, SubQueue.DEAD_LETTER_QUEUE)) {
            assertThat(receiver.peekMessage(1)).isNull();
            ServiceBusReceivedMessage dead = deadLetters.peekMessage(1);
            assertThat(dead.getMessageId()).isEqualTo("poison");
            assertThat(dead.getDeadLetterReason()).isEqualTo(MessageStore.MAX_DELIVERY_COUNT_EXCEEDED);
            assertThat(dead.getDeliveryCount()).isEqualTo(FRAGILE_MAX_DELIVERY_COUNT);
        }
    }

    @Test
    void anAbandonedDeliveryCountsOnceAcrossARestart() {
        try (ServiceBusEmulator emulator = ServiceBusEmulator.start(config());
             ServiceBusSenderClient sender = EmulatorClients.builder(emulator).sender().queueName(FRAGILE)
                     .buildClient();
             ServiceBusReceiverClient receiver = fragileReceiver(emulator, null)) {
            sender.sendMessage(new ServiceBusMessage("settled").setMessageId("fine"));
            ServiceBusReceivedMessage message = receiver.receiveMessages(1, Duration.ofSeconds(5)).stream()
                    .findFirst().orElseThrow();
            receiver.abandon(message);
        }
        try (ServiceBusEmulator emulator = ServiceBusEmulator.start(config());
             ServiceBusReceiverClient receiver = fragileReceiver(emulator, null)) {
            ServiceBusReceivedMessage message = receiver.receiveMessages(1, Duration.ofSeconds(5)).stream()
                    .findFirst().orElseThrow();
            assertThat(message.getDeliveryCount()).as("one abandon, nothing lost").isEqualTo(1);
            receiver.complete(message);
        }
    }

    private static ServiceBusReceiverClient fragileReceiver(ServiceBusEmulator emulator, SubQueue subQueue) {
        var builder = EmulatorClients.builder(emulator).receiver().queueName(FRAGILE)
                .disableAutoComplete().maxAutoLockRenewDuration(Duration.ZERO).prefetchCount(0);
        if (subQueue != null) {
            builder.subQueue(subQueue);
        }
        return builder.buildClient();
    }
}
