package io.amlcompute.provisioner.local.servicebus;

import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.models.DeadLetterOptions;
import com.azure.messaging.servicebus.models.SubQueue;
import io.amlcompute.provisioner.local.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Publishing to a topic copies each message into every subscription whose correlation filters admit it. */
class ServiceBusEmulatorTopicTest {

    private static final String TOPIC = "events";

    private final ManualClock clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private ServiceBusEmulator emulator;
    private ServiceBusSenderClient publisher;

    @BeforeEach
    void start() {
        emulator = ServiceBusEmulator.start(ServiceBusEmulatorConfig.builder()
                .clock(clock)
                .topic(TopicDefinition.named(TOPIC)
                        .withSubscription(SubscriptionDefinition.named("all"))
                        .withSubscription(SubscriptionDefinition.named("ready").withRules(List.of(
                                CorrelationFilter.builder().subject("ComputeReady").build())))
                        .withSubscription(SubscriptionDefinition.named("request-42").withRules(List.of(
                                CorrelationFilter.builder().correlationId("request-42").build())))
                        .withSubscription(SubscriptionDefinition.named("westeurope-failures").withRules(List.of(
                                CorrelationFilter.builder().subject("ComputeFailed")
                                        .property("region", "westeurope").build(),
                                CorrelationFilter.builder().property("severity", 3).build()))))
                .build());
        publisher = EmulatorClients.builder(emulator).sender().topicName(TOPIC).buildClient();
    }

    @AfterEach
    void stop() {
        publisher.close();
        emulator.close();
    }

    private List<String> drain(String subscription) {
        try (ServiceBusReceiverClient receiver = subscriptionReceiver(subscription, null)) {
            return receiver.peekMessages(10).stream().map(ServiceBusReceivedMessage::getMessageId).toList();
        }
    }

    private ServiceBusReceiverClient subscriptionReceiver(String subscription, SubQueue subQueue) {
        var builder = EmulatorClients.builder(emulator).receiver().topicName(TOPIC)
                .subscriptionName(subscription).disableAutoComplete().maxAutoLockRenewDuration(Duration.ZERO);
        if (subQueue != null) {
            builder.subQueue(subQueue);
        }
        return builder.buildClient();
    }

    private static ServiceBusMessage withProperty(ServiceBusMessage message, String name, Object value) {
        message.getApplicationProperties().put(name, value);
        return message;
    }

    @Test
    void fansOutToEverySubscriptionWhoseFilterMatches() {
        publisher.sendMessages(List.of(
                new ServiceBusMessage("a").setMessageId("ready-1").setSubject("ComputeReady")
                        .setCorrelationId("request-42"),
                withProperty(new ServiceBusMessage("b").setMessageId("failed-eu").setSubject("ComputeFailed"),
                        "region", "westeurope"),
                withProperty(new ServiceBusMessage("c").setMessageId("failed-us").setSubject("ComputeFailed"),
                        "region", "eastus"),
                withProperty(new ServiceBusMessage("d").setMessageId("severe"), "severity", 3L)));

        assertThat(drain("all")).containsExactly("ready-1", "failed-eu", "failed-us", "severe");
        assertThat(drain("ready")).containsExactly("ready-1");
        assertThat(drain("request-42")).containsExactly("ready-1");
        assertThat(drain("westeurope-failures")).containsExactly("failed-eu", "severe");
    }

    @Test
    void eachSubscriptionSettlesItsOwnCopyAndHasItsOwnDeadLetterQueue() {
        publisher.sendMessage(new ServiceBusMessage("ready").setMessageId("e-1").setSubject("ComputeReady"));

        try (ServiceBusReceiverClient ready = subscriptionReceiver("ready", null)) {
            ServiceBusReceivedMessage copy = ready.receiveMessages(1, Duration.ofSeconds(5)).stream()
                    .findFirst().orElseThrow();
            ready.deadLetter(copy, new DeadLetterOptions().setDeadLetterReason("NoHandler")
                    .setDeadLetterErrorDescription("nobody listens"));
        }

        assertThat(drain("all")).containsExactly("e-1");
        try (ServiceBusReceiverClient deadLetters = subscriptionReceiver("ready", SubQueue.DEAD_LETTER_QUEUE)) {
            ServiceBusReceivedMessage dead = deadLetters.receiveMessages(1, Duration.ofSeconds(5)).stream()
                    .findFirst().orElseThrow();
            assertThat(dead.getMessageId()).isEqualTo("e-1");
            assertThat(dead.getDeadLetterReason()).isEqualTo("NoHandler");
            assertThat(dead.getSequenceNumber()).isEqualTo(1);
        }
    }

    @Test
    void aMessageScheduledOnTheTopicReachesTheSubscriptionsWhenItIsDue() {
        long sequenceNumber = publisher.scheduleMessage(
                new ServiceBusMessage("later").setMessageId("s-1").setSubject("ComputeReady"),
                clock.instant().plus(Duration.ofMinutes(5)).atOffset(ZoneOffset.UTC));

        assertThat(drain("all")).isEmpty();
        clock.advance(Duration.ofMinutes(5));

        assertThat(drain("all")).containsExactly("s-1");
        assertThat(drain("ready")).containsExactly("s-1");
        assertThat(drain("request-42")).isEmpty();
        try (ServiceBusReceiverClient all = subscriptionReceiver("all", null)) {
            assertThat(all.peekMessage(1).getSequenceNumber()).isEqualTo(sequenceNumber);
        }
    }
}
