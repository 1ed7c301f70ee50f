package io.amlcompute.provisioner.local.servicebus;

import com.azure.messaging.servicebus.ServiceBusMessage;
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

import static org.assertj.core.api.Assertions.assertThat;

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
             ServiceBusReceiverClient receiver = EmulatorClients.builder(emulator).receiver().queueName(QUEUE)
                     .disableAutoComplete().maxAutoLockRenewDuration(Duration.ZERO).buildClient()) {
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
}
