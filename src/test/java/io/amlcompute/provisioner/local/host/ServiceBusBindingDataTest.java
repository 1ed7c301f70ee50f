package io.amlcompute.provisioner.local.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.core.amqp.models.AmqpMessageBody;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import io.amlcompute.provisioner.local.host.worker.TypedData;
import io.amlcompute.provisioner.local.servicebus.QueueDefinition;
import io.amlcompute.provisioner.local.servicebus.ServiceBusEmulator;
import io.amlcompute.provisioner.local.servicebus.ServiceBusEmulatorConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the Service Bus extension binds for real messages sent by the official client through the emulator, as the
 * host then sends it (S1-S4, H1, H2 in docs/local/functions-host.md).
 */
@Timeout(60)
class ServiceBusBindingDataTest {

    /** Keys every delivered message has; all others exist only when the sender set them. */
    private static final Set<String> ALWAYS = Set.of("MessageReceiver", "MessageSession", "MessageActions",
            "SessionActions", "ReceiveActions", "Client", "DeliveryCount", "LockToken", "ExpiresAtUtc", "ExpiresAt",
            "EnqueuedTimeUtc", "EnqueuedTime", "SequenceNumber", "UserProperties", "ApplicationProperties");

    private static ServiceBusEmulator bus;
    private static ServiceBusSenderClient sender;
    private static ServiceBusReceiverClient receiver;

    @BeforeAll
    static void start() throws Exception {
        bus = ServiceBusEmulator.start(ServiceBusEmulatorConfig.builder().queue(QueueDefinition.named("probe")).build());
        ServiceBusClientBuilder client = new ServiceBusClientBuilder().connectionString(bus.connectionString())
                .retryOptions(new AmqpRetryOptions().setTryTimeout(Duration.ofSeconds(5)));
        sender = client.sender().queueName("probe").buildClient();
        receiver = client.receiver().queueName("probe").buildClient();
    }

    @AfterAll
    static void stop() {
        receiver.close();
        sender.close();
        bus.close();
    }

    @Test
    void aMessageWithOnlyABodyHasNoKeyForAnyPropertyItsSenderLeftUnset() {
        Map<String, TypedData> metadata = metadataOf(roundTrip(new ServiceBusMessage("only a body")));

        assertThat(metadata.keySet()).containsAll(ALWAYS)
                .doesNotContain("CorrelationId", "ReplyTo", "ReplyToSessionId", "ContentType", "SessionId", "Subject",
                        "Label", "To", "DeadLetterSource", "PartitionKey", "TransactionPartitionKey");
        assertThat(metadata.keySet()).allMatch(key -> ALWAYS.contains(key) || key.equals("MessageId"));
    }

    @Test
    void numbersDatesAndDictionariesAreJsonAndSetPropertiesAreStrings() {
        ServiceBusMessage message = new ServiceBusMessage("with properties").setMessageId("m-1")
                .setCorrelationId("c-1").setReplyTo("replies").setReplyToSessionId("s-1").setContentType("text/plain")
                .setSubject("greeting");
        message.getApplicationProperties().put("team", "forecasting");

        Map<String, TypedData> metadata = metadataOf(roundTrip(message));

        assertThat(metadata).containsEntry("MessageId", new TypedData.Text("m-1"))
                .containsEntry("CorrelationId", new TypedData.Text("c-1"))
                .containsEntry("ReplyTo", new TypedData.Text("replies"))
                .containsEntry("ReplyToSessionId", new TypedData.Text("s-1"))
                .containsEntry("Subject", new TypedData.Text("greeting"))
                .containsEntry("Label", new TypedData.Text("greeting"))
                .containsEntry("DeliveryCount", new TypedData.Json("1"))
                .containsEntry("ApplicationProperties", new TypedData.Json("{\"team\":\"forecasting\"}"))
                .containsEntry("UserProperties", new TypedData.Json("{\"team\":\"forecasting\"}"));
        assertThat(((TypedData.Json) metadata.get("SequenceNumber")).value()).matches("\\d+");
        assertThat(((TypedData.Json) metadata.get("EnqueuedTimeUtc")).value())
                .matches("\"\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,7})?\"");
        assertThat(((TypedData.Json) metadata.get("EnqueuedTime")).value()).endsWith("+00:00\"");
        assertThat(metadata.get("ExpiresAtUtc")).as("no time to live: DateTimeOffset.MaxValue")
                .isEqualTo(new TypedData.Json("\"9999-12-31T23:59:59.9999999\""));
    }

    @Test
    void bodiesBindToAStringAsTheExtensionBindsThem() {
        assertThat(ServiceBusBindingData.bodyAsString(roundTrip(new ServiceBusMessage("héllo")))).isEqualTo("héllo");
        assertThat(ServiceBusBindingData.bodyAsString(roundTrip(new ServiceBusMessage(
                AmqpMessageBody.fromValue("a value"))))).isEqualTo("a value");
        assertThat(ServiceBusBindingData.bodyAsString(roundTrip(new ServiceBusMessage(
                new byte[]{(byte) 0xC3, (byte) 0x28})))).isEqualTo(new String(new byte[]{(byte) 0xC3, (byte) 0x28},
                StandardCharsets.UTF_8));
        ServiceBusReceivedMessage number = roundTrip(new ServiceBusMessage(AmqpMessageBody.fromValue(42)));
        assertThatThrownBy(() -> ServiceBusBindingData.bodyAsString(number))
                .hasMessageContaining("cannot be bound to a string");
        ServiceBusReceivedMessage sequence = roundTrip(new ServiceBusMessage(AmqpMessageBody.fromSequence(List.of(1))));
        assertThatThrownBy(() -> ServiceBusBindingData.bodyAsString(sequence))
                .hasMessage("NotSupportedException: A sequence body message cannot be bound to a string.");
    }

    private static Map<String, TypedData> metadataOf(ServiceBusReceivedMessage message) {
        return HostRpcValues.triggerMetadata(ServiceBusBindingData.bindingData(message));
    }

    private static ServiceBusReceivedMessage roundTrip(ServiceBusMessage message) {
        sender.sendMessage(message);
        ServiceBusReceivedMessage received = receiver.receiveMessages(1, Duration.ofSeconds(5)).stream().findFirst()
                .orElseThrow(() -> new AssertionError("nothing received"));
        receiver.complete(received);
        return received;
    }
}
