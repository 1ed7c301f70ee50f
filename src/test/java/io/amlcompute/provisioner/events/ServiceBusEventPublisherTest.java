package io.amlcompute.provisioner.events;

import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSessionReceiverClient;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.amlcompute.provisioner.config.EntityNames;
import io.amlcompute.provisioner.config.Settings;
import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.contract.event.Completion;
import io.amlcompute.provisioner.contract.event.ComputeEvent;
import io.amlcompute.provisioner.contract.event.ComputeEvents;
import io.amlcompute.provisioner.contract.event.EventType;
import io.amlcompute.provisioner.contract.event.Outcome;
import io.amlcompute.provisioner.contract.validation.MessageEnvelope;
import io.amlcompute.provisioner.contract.validation.RequestDefaults;
import io.amlcompute.provisioner.contract.validation.RequestParser;
import io.amlcompute.provisioner.contract.validation.ParseResult;
import io.amlcompute.provisioner.contract.validation.Samples;
import io.amlcompute.provisioner.local.servicebus.CorrelationFilter;
import io.amlcompute.provisioner.local.servicebus.ServiceBusEmulator;
import io.amlcompute.provisioner.local.servicebus.ServiceBusEmulatorConfig;
import io.amlcompute.provisioner.local.servicebus.SubscriptionDefinition;
import io.amlcompute.provisioner.local.servicebus.TopicDefinition;
import io.amlcompute.provisioner.provisioning.EventPublisher;
import io.amlcompute.provisioner.provisioning.ReplyAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The publisher through the official Service Bus client against the project's emulator, over AMQP. */
class ServiceBusEventPublisherTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private ServiceBusEmulator bus;
    private ServiceBusEventPublisher publisher;

    @BeforeEach
    void start() {
        ServiceBusEmulatorConfig defaults = ServiceBusEmulatorConfig.appDefaults();
        bus = ServiceBusEmulator.start(defaults.toBuilder()
                .topic(TopicDefinition.named("failures-only").withDuplicateDetection(Duration.ofMinutes(10))
                        .withSubscription(SubscriptionDefinition.named("failures").withRules(List.of(
                                CorrelationFilter.builder().subject(EventType.FAILED.wireName()).build()))))
                .build());
        publisher = new ServiceBusEventPublisher(builder(), EntityNames.EVENTS_TOPIC);
    }

    @AfterEach
    void stop() {
        publisher.close();
        bus.close();
    }

    @Test
    void publishesTheCloudEventWithItsEnvelopeOnTheTopic() throws Exception {
        ComputeEvent event = readyEvent("demo-ensure-aml-cluster-001");

        publisher.publish(event, null);

        ServiceBusReceivedMessage message = receiveOne(EntityNames.ALL_EVENTS_SUBSCRIPTION);
        assertThat(message.getMessageId()).isEqualTo(event.id());
        assertThat(message.getCorrelationId()).isEqualTo("pipeline-run-4711");
        assertThat(message.getSubject()).isEqualTo("io.amlcompute.compute.ready");
        assertThat(message.getContentType()).isEqualTo(ComputeEvent.MESSAGE_CONTENT_TYPE);
        assertThat(message.getApplicationProperties()).containsAllEntriesOf(Map.of(
                "eventType", "io.amlcompute.compute.ready", "requestId", "demo-ensure-aml-cluster-001",
                "computeName", "aml-cluster", "computeType", "AmlCompute", "outcome", "created", "action", "ensure",
                "workspace", "11111111-2222-3333-4444-555555555555/rg-ml-demo/mlw-demo"));
        var body = Json.MAPPER.readTree(message.getBody().toBytes());
        assertThat(Json.MAPPER.treeToValue(body, ComputeEvent.class)).isEqualTo(event);
        assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(getClass().getResourceAsStream("/schemas/compute-event.schema.json")).validate(body))
                .isEmpty();
    }

    @Test
    void aRepeatedPublishIsDroppedByDuplicateDetection() {
        ComputeEvent event = readyEvent("req-dup");

        publisher.publish(event, null);
        publisher.publish(event, null);

        try (ServiceBusReceiverClient receiver = receiver(EntityNames.ALL_EVENTS_SUBSCRIPTION)) {
            List<ServiceBusReceivedMessage> received = receiver.receiveMessages(10, Duration.ofSeconds(2)).stream().toList();
            assertThat(received).extracting(ServiceBusReceivedMessage::getMessageId).containsExactly(event.id());
        }
    }

    @Test
    void sendsTheSameEventToTheRequestersReplySession() {
        ComputeEvent event = readyEvent("req-reply");

        publisher.publish(event, new ReplyAddress(EntityNames.REPLIES_QUEUE, "session-42"));

        try (ServiceBusSessionReceiverClient sessions = builder().sessionReceiver()
                .queueName(EntityNames.REPLIES_QUEUE).receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE).buildClient();
             ServiceBusReceiverClient session = sessions.acceptSession("session-42")) {
            ServiceBusReceivedMessage reply = session.receiveMessages(1, Duration.ofSeconds(5)).stream().findFirst()
                    .orElseThrow();
            assertThat(reply.getMessageId()).isEqualTo(event.id());
            assertThat(reply.getSessionId()).isEqualTo("session-42");
        }
        assertThat(receiveOne(EntityNames.ALL_EVENTS_SUBSCRIPTION).getMessageId()).isEqualTo(event.id());
    }

    @Test
    void subscriptionsCanFilterOnTheEventType() {
        try (ServiceBusEventPublisher failures = new ServiceBusEventPublisher(builder(), "failures-only")) {
            failures.publish(readyEvent("req-a"), null);
            ComputeEvent failed = ComputeEvents.completed(request("req-b"), new Completion(EventType.FAILED,
                    Outcome.CREATED, null, List.of(ComputeStatus.ErrorInfo.of("QuotaExceeded", "quota")), List.of(), 1),
                    NOW, NOW);
            failures.publish(failed, null);

            try (ServiceBusReceiverClient receiver = builder().receiver().topicName("failures-only")
                    .subscriptionName("failures").receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE).buildClient()) {
                assertThat(receiver.receiveMessages(10, Duration.ofSeconds(2)).stream()
                        .map(ServiceBusReceivedMessage::getMessageId).toList()).containsExactly(failed.id());
            }
        }
    }

    @Test
    void anUnreachableNamespaceSurfacesAsAPublishException() {
        ServiceBusClientBuilder dead = ServiceBusClients.builder(Settings.of(Map.of("ServiceBusConnection",
                "Endpoint=sb://127.0.0.1:1;SharedAccessKeyName=k;SharedAccessKey=x;UseDevelopmentEmulator=true")))
                .retryOptions(new com.azure.core.amqp.AmqpRetryOptions().setMaxRetries(0)
                        .setTryTimeout(Duration.ofSeconds(2)));
        try (ServiceBusEventPublisher unreachable = new ServiceBusEventPublisher(dead, EntityNames.EVENTS_TOPIC)) {
            assertThatThrownBy(() -> unreachable.publish(readyEvent("req-x"), null))
                    .isInstanceOf(EventPublisher.PublishException.class)
                    .hasMessageContaining("topic");
        }
    }

    private ServiceBusReceivedMessage receiveOne(String subscription) {
        try (ServiceBusReceiverClient receiver = receiver(subscription)) {
            return receiver.receiveMessages(1, Duration.ofSeconds(5)).stream().findFirst()
                    .orElseThrow(() -> new AssertionError("no event on " + subscription));
        }
    }

    private ServiceBusReceiverClient receiver(String subscription) {
        return builder().receiver().topicName(EntityNames.EVENTS_TOPIC).subscriptionName(subscription)
                .receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE).buildClient();
    }

    private ServiceBusClientBuilder builder() {
        return ServiceBusClients.builder(Settings.of(Map.of("ServiceBusConnection", bus.connectionString())));
    }

    private static ComputeEvent readyEvent(String requestId) {
        return ComputeEvents.completed(request(requestId), new Completion(EventType.READY, Outcome.CREATED,
                new ComputeStatus("Succeeded", "Steady", new ComputeStatus.NodeCounts(0, 0, 0, 0, 0, 0, 0, 0),
                        List.of()), List.of(), List.of(), 3), NOW.minusSeconds(95), NOW);
    }

    private static ComputeRequest request(String requestId) {
        return ((ParseResult.Parsed) new RequestParser(RequestDefaults.standard()).parse(
                Samples.with("ensure-amlcompute.json", "/requestId", "\"" + requestId + "\""), MessageEnvelope.NONE))
                .request();
    }
}
