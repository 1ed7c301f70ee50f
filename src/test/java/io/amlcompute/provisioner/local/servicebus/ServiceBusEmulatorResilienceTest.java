package io.amlcompute.provisioner.local.servicebus;

import com.azure.messaging.servicebus.ServiceBusException;
import com.azure.messaging.servicebus.ServiceBusFailureReason;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import io.amlcompute.provisioner.local.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Clients that misbehave or vanish, and clients without the right key, leave the broker healthy. */
class ServiceBusEmulatorResilienceTest {

    private static final String QUEUE = "resilient";
    private static final Duration LOCK = Duration.ofSeconds(30);

    private final ManualClock clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private ServiceBusEmulator emulator;

    @AfterEach
    void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    private ServiceBusEmulator start(ServiceBusEmulatorConfig.Builder config) {
        emulator = ServiceBusEmulator.start(config.clock(clock)
                .queue(QueueDefinition.named(QUEUE).withLockDuration(LOCK)).build());
        return emulator;
    }

    private ServiceBusReceiverClient receiver() {
        return EmulatorClients.builder(emulator).receiver().queueName(QUEUE)
                .disableAutoComplete().maxAutoLockRenewDuration(Duration.ZERO).buildClient();
    }

    @Test
    void aSocketKilledInTheMiddleOfAFrameLeavesTheBrokerServingOtherClients() throws IOException {
        start(ServiceBusEmulatorConfig.builder());
        try (Socket raw = new Socket("127.0.0.1", emulator.port())) {
            OutputStream out = raw.getOutputStream();
            out.write("AMQP".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[] {3, 1, 0, 0});
            // A SASL frame header that announces 256 bytes, followed by only a few of them.
            out.write(new byte[] {0, 0, 1, 0, 2, 1, 0, 0, 0, 0x53, 0x41});
            out.flush();
            raw.setSoLinger(true, 0);
        }

        try (ServiceBusSenderClient sender = EmulatorClients.builder(emulator).sender().queueName(QUEUE)
                .buildClient();
             ServiceBusReceiverClient receiver = receiver()) {
            sender.sendMessage(new ServiceBusMessage("still works"));
            ServiceBusReceivedMessage message = receiver.receiveMessages(1, Duration.ofSeconds(5)).stream()
                    .findFirst().orElseThrow();
            assertThat(message.getBody().toString()).isEqualTo("still works");
            receiver.complete(message);
        }
    }

    @Test
    void messagesLockedByAClientThatDisconnectsComeBackWhenTheirLocksExpire() {
        start(ServiceBusEmulatorConfig.builder());
        try (ServiceBusSenderClient sender = EmulatorClients.builder(emulator).sender().queueName(QUEUE)
                .buildClient()) {
            sender.sendMessages(List.of(new ServiceBusMessage("a"), new ServiceBusMessage("b")));
        }
        try (ServiceBusReceiverClient vanishing = receiver()) {
            assertThat(vanishing.receiveMessages(2, Duration.ofSeconds(5)).stream().toList()).hasSize(2);
        }

        try (ServiceBusReceiverClient survivor = receiver()) {
            assertThat(survivor.receiveMessages(2, Duration.ofSeconds(1)).stream().toList())
                    .as("still locked by the client that left").isEmpty();

            clock.advance(LOCK);
            List<ServiceBusReceivedMessage> redelivered = survivor.receiveMessages(2, Duration.ofSeconds(5))
                    .stream().toList();

            assertThat(redelivered).extracting(message -> message.getBody().toString()).containsExactly("a", "b");
            assertThat(redelivered).allSatisfy(message -> assertThat(message.getDeliveryCount()).isEqualTo(1));
            redelivered.forEach(survivor::complete);
        }
    }

    @Test
    void aClientWithTheWrongKeyIsRefusedAndOneWithTheRightKeyIsServed() {
        start(ServiceBusEmulatorConfig.builder().sharedAccessKey("RootManageSharedAccessKey", "right-key"));
        String wrong = emulator.connectionString().replace("SharedAccessKey=right-key", "SharedAccessKey=wrong-key");

        try (ServiceBusSenderClient intruder = EmulatorClients.builder(wrong).sender().queueName(QUEUE)
                .buildClient()) {
            assertThatThrownBy(() -> intruder.sendMessage(new ServiceBusMessage("let me in")))
                    .isInstanceOfSatisfying(ServiceBusException.class, e ->
                            assertThat(e.getReason()).isEqualTo(ServiceBusFailureReason.UNAUTHORIZED));
        }
        try (ServiceBusSenderClient sender = EmulatorClients.builder(emulator).sender().queueName(QUEUE)
                .buildClient();
             ServiceBusReceiverClient receiver = receiver()) {
            sender.sendMessage(new ServiceBusMessage("welcome"));
            assertThat(receiver.peekMessage(1).getBody().toString()).isEqualTo("welcome");
        }
    }
}
