package io.amlcompute.provisioner.events;

import com.azure.core.util.BinaryData;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusException;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.contract.event.ComputeEvent;
import io.amlcompute.provisioner.provisioning.EventPublisher;
import io.amlcompute.provisioner.provisioning.ReplyAddress;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Publishes events with {@code ServiceBusSenderClient}s created once and reused (Functions output bindings cannot
 * set MessageId, CorrelationId, SessionId or application properties). Thread-safe, as the senders are.
 *
 * <p>Each message: body = the CloudEvent (structured JSON), MessageId = event id (deterministic, so Service Bus
 * duplicate detection drops a repeated publish), CorrelationId = the request's, Subject = event type, and the
 * event's filter properties as application properties.
 */
public final class ServiceBusEventPublisher implements EventPublisher, AutoCloseable {

    private final ServiceBusClientBuilder builder;
    private final ServiceBusSenderClient topicSender;
    private final Map<String, ServiceBusSenderClient> replySenders = new ConcurrentHashMap<>();

    public ServiceBusEventPublisher(ServiceBusClientBuilder builder, String topic) {
        this.builder = Objects.requireNonNull(builder, "builder");
        this.topicSender = builder.sender().topicName(topic).buildClient();
    }

    @Override
    public void publishToTopic(ComputeEvent event) {
        send(topicSender, message(event, serialize(event)), "topic " + topicSender.getEntityPath());
    }

    @Override
    public void reply(ComputeEvent event, ReplyAddress replyTo) {
        ServiceBusSenderClient sender = replySenders.computeIfAbsent(replyTo.queue(),
                queue -> builder.sender().queueName(queue).buildClient());
        send(sender, message(event, serialize(event)).setSessionId(replyTo.sessionId()), "reply queue " + replyTo.queue());
    }

    static ServiceBusMessage message(ComputeEvent event, byte[] body) {
        ServiceBusMessage message = new ServiceBusMessage(BinaryData.fromBytes(body))
                .setMessageId(event.id())
                .setSubject(event.type().wireName())
                .setContentType(ComputeEvent.MESSAGE_CONTENT_TYPE);
        if (event.data().correlationId() != null) {
            message.setCorrelationId(event.data().correlationId());
        }
        message.getApplicationProperties().putAll(event.applicationProperties());
        return message;
    }

    private static void send(ServiceBusSenderClient sender, ServiceBusMessage message, String where) {
        try {
            sender.sendMessage(message);
        } catch (ServiceBusException e) {
            throw new PublishException("Could not publish event " + message.getMessageId() + " to " + where + ": "
                    + e.getReason(), e.isTransient(), e);
        } catch (RuntimeException e) {
            throw new PublishException("Could not publish event " + message.getMessageId() + " to " + where, true, e);
        }
    }

    private static byte[] serialize(ComputeEvent event) {
        try {
            return Json.MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + event.id() + " cannot be written as JSON", e);
        }
    }

    @Override
    public void close() {
        replySenders.values().forEach(ServiceBusSenderClient::close);
        topicSender.close();
    }
}
