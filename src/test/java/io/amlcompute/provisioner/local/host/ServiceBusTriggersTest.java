package io.amlcompute.provisioner.local.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.core.amqp.models.AmqpMessageBody;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.models.SubQueue;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.local.host.testbus.Inbox;
import io.amlcompute.provisioner.local.servicebus.QueueDefinition;
import io.amlcompute.provisioner.local.servicebus.ServiceBusEmulator;
import io.amlcompute.provisioner.local.servicebus.ServiceBusEmulatorConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The test app's Service Bus triggered functions, fed by the host from the emulator, messages sent by the official
 * client. Each test pins a rule of the real pipeline (docs/local/functions-host.md, "Service Bus").
 */
@Timeout(90)
class ServiceBusTriggersTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static ServiceBusEmulator bus;
    private static LocalFunctionsHost host;
    private static ServiceBusSenderClient sender;
    private static ServiceBusSenderClient strictSender;

    @BeforeAll
    static void start() throws Exception {
        bus = ServiceBusEmulator.start(ServiceBusEmulatorConfig.builder()
                .queue(QueueDefinition.named("inbox").withMaxDeliveryCount(3))
                .queue(QueueDefinition.named("strict").withMaxDeliveryCount(2)).build());
        host = LocalFunctionsHost.start(LocalFunctionsHostOptions.forApp(Map.of(
                        "INBOX_QUEUE", "inbox", "STRICT_QUEUE", "strict", "TestBus", bus.connectionString()))
                .withFunctionsPackage("io.amlcompute.provisioner.local.host.testbus"));
        sender = client().sender().queueName("inbox").buildClient();
        strictSender = client().sender().queueName("strict").buildClient();
    }

    @AfterAll
    static void stop() {
        sender.close();
        strictSender.close();
        host.close();
        bus.close();
    }

    @Test
    void bindsTheBodyAndMetadataAsTheHostSendsThemNumbersAndDatesAsJsonAndPropertiesAsADictionary() throws Exception {
        String id = UUID.randomUUID().toString();
        ServiceBusMessage message = new ServiceBusMessage("plain text body").setMessageId(id);
        message.getApplicationProperties().put("team", "forecasting");
        message.getApplicationProperties().put("priority", 3);

        sender.sendMessage(message);

        Inbox.Delivery delivery = awaitDeliveries(id, 1).get(0);
        assertThat(delivery.body()).isEqualTo("plain text body");
        assertThat(delivery.deliveryCount()).as("1 on the first delivery").isEqualTo(1);
        assertThat(delivery.sequenceNumber()).isPositive();
        // A .NET DateTime of kind Unspecified, as Newtonsoft writes it: the JSON string itself, quotes included.
        assertThat(delivery.enqueuedTimeUtc()).matches("^\"\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,7})?\"$");
        // Read by the worker's Gson into a Map: numbers become Doubles.
        assertThat(delivery.applicationProperties()).containsEntry("team", "forecasting").containsEntry("priority", 3.0);
        assertThat(Json.MAPPER.readTree(delivery.applicationPropertiesJson()))
                .isEqualTo(Json.MAPPER.readTree("{\"team\":\"forecasting\",\"priority\":3}"));
    }

    @Test
    void aBindingNameForAPropertyTheMessageLacksFailsEveryDeliveryUntilServiceBusDeadLettersIt() {
        String withCorrelation = UUID.randomUUID().toString();
        String without = UUID.randomUUID().toString();

        strictSender.sendMessage(new ServiceBusMessage("has one").setMessageId(withCorrelation).setCorrelationId("c-1"));
        strictSender.sendMessage(new ServiceBusMessage("has none").setMessageId(without));

        assertThat(awaitDeliveries(withCorrelation, 1).get(0).correlationId()).isEqualTo("c-1");
        ServiceBusReceivedMessage dead = awaitDeadLetter("strict", without);
        assertThat(dead.getDeadLetterReason()).isEqualTo("MaxDeliveryCountExceeded");
        assertThat(deliveriesOf(without)).as("the function never ran").isEmpty();
    }

    @Test
    void aJsonBodysTopLevelFieldsReplaceTheMessagesOwnMetadata() {
        String id = UUID.randomUUID().toString();

        sender.sendMessage(new ServiceBusMessage("{\"messageId\":\"from-the-body\",\"note\":\"" + id + "\"}")
                .setMessageId(id));

        Inbox.Delivery delivery = await().atMost(WAIT).until(() -> Inbox.DELIVERIES.stream()
                .filter(d -> d.body().contains(id)).findFirst(), java.util.Optional::isPresent).orElseThrow();
        assertThat(delivery.messageId()).isEqualTo("from-the-body");
    }

    @Test
    void aJsonBodyFieldThatShadowsANumberWithTextFailsTheInvocationBeforeTheFunctionRuns() {
        String id = UUID.randomUUID().toString();

        sender.sendMessage(new ServiceBusMessage("{\"deliveryCount\":\"seven\"}").setMessageId(id));

        assertThat(awaitDeadLetter("inbox", id).getDeadLetterReason()).isEqualTo("MaxDeliveryCountExceeded");
        assertThat(deliveriesOf(id)).isEmpty();
    }

    @Test
    void anAmqpValueBodyThatIsAStringIsBoundAndAnyOtherValueOrASequenceNeverReachesTheFunction() {
        String text = UUID.randomUUID().toString();
        String number = UUID.randomUUID().toString();
        String sequence = UUID.randomUUID().toString();

        sender.sendMessage(new ServiceBusMessage(AmqpMessageBody.fromValue("value " + text)).setMessageId(text));
        sender.sendMessage(new ServiceBusMessage(AmqpMessageBody.fromValue(42)).setMessageId(number));
        sender.sendMessage(new ServiceBusMessage(AmqpMessageBody.fromSequence(List.of("a", "b"))).setMessageId(sequence));

        assertThat(awaitDeliveries(text, 1).get(0).body()).isEqualTo("value " + text);
        assertThat(awaitDeadLetter("inbox", number).getDeadLetterReason()).isEqualTo("MaxDeliveryCountExceeded");
        assertThat(awaitDeadLetter("inbox", sequence).getDeadLetterReason()).isEqualTo("MaxDeliveryCountExceeded");
        assertThat(deliveriesOf(number)).isEmpty();
        assertThat(deliveriesOf(sequence)).isEmpty();
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

        assertThat(awaitDeadLetter("inbox", id).getDeadLetterReason()).isEqualTo("MaxDeliveryCountExceeded");
    }

    private static ServiceBusReceivedMessage awaitDeadLetter(String queue, String messageId) {
        try (ServiceBusReceiverClient deadLetters = client().receiver().queueName(queue)
                .subQueue(SubQueue.DEAD_LETTER_QUEUE).buildClient()) {
            return await().atMost(Duration.ofSeconds(40)).until(() -> deadLetters.peekMessages(100, 0L).stream()
                    .filter(m -> messageId.equals(m.getMessageId())).findFirst(), java.util.Optional::isPresent)
                    .orElseThrow();
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
