package io.amlcompute.provisioner.events;

import com.azure.core.amqp.models.AmqpMessageBody;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import com.azure.messaging.servicebus.models.SubQueue;
import io.amlcompute.provisioner.undeliverable.BodySection;
import io.amlcompute.provisioner.undeliverable.DeadLetter;
import io.amlcompute.provisioner.undeliverable.DeadLetterQueue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The requests queue's dead-letter queue ({@code <queue>/$deadletterqueue}) through one {@link ServiceBusReceiverClient}
 * in peek-lock mode, built once and reused. Reading it takes Azure Service Bus Data Receiver on the queue: the
 * dead-letter queue is part of its queue and has no role scope of its own
 * (https://learn.microsoft.com/azure/service-bus-messaging/service-bus-dead-letter-queues: it "can't be deleted or
 * managed independently of the main entity").
 *
 * <p>Not for concurrent runs: the messages a run locked are held here until it settles them.
 */
public final class ServiceBusDeadLetterQueue implements DeadLetterQueue, AutoCloseable {

    /** How long one lock call waits for messages the peek saw: they are there, so this is rarely waited out. */
    private static final Duration RECEIVE_WAIT = Duration.ofSeconds(5);

    private final ServiceBusReceiverClient receiver;
    private final Map<Long, ServiceBusReceivedMessage> locked = new HashMap<>();

    public ServiceBusDeadLetterQueue(ServiceBusClientBuilder builder, String queue) {
        Objects.requireNonNull(builder, "builder");
        Objects.requireNonNull(queue, "queue");
        this.receiver = builder.receiver().queueName(queue).subQueue(SubQueue.DEAD_LETTER_QUEUE)
                .receiveMode(ServiceBusReceiveMode.PEEK_LOCK).disableAutoComplete().buildClient();
    }

    @Override
    public List<DeadLetter> peek(int maxMessages) {
        List<DeadLetter> messages = new ArrayList<>();
        // From the first message on every call: a peek otherwise continues where the client's last one ended.
        receiver.peekMessages(maxMessages, 0L).forEach(message -> messages.add(deadLetter(message)));
        return messages;
    }

    @Override
    public List<DeadLetter> lock(int maxMessages) {
        List<DeadLetter> messages = new ArrayList<>();
        for (ServiceBusReceivedMessage message : receiver.receiveMessages(maxMessages, RECEIVE_WAIT)) {
            locked.put(message.getSequenceNumber(), message);
            messages.add(deadLetter(message));
        }
        return messages;
    }

    @Override
    public void complete(DeadLetter message) {
        receiver.complete(take(message));
    }

    @Override
    public void release(DeadLetter message) {
        receiver.abandon(take(message));
    }

    private ServiceBusReceivedMessage take(DeadLetter message) {
        ServiceBusReceivedMessage received = locked.remove(message.sequenceNumber());
        if (received == null) {
            throw new IllegalStateException("dead letter " + message.sequenceNumber() + " is not locked by this run");
        }
        return received;
    }

    static DeadLetter deadLetter(ServiceBusReceivedMessage message) {
        Map<String, String> properties = new LinkedHashMap<>();
        message.getApplicationProperties().forEach((name, value) -> {
            if (value instanceof String text) {
                properties.put(name, text);
            }
        });
        return new DeadLetter(message.getSequenceNumber(), section(message.getRawAmqpMessage().getBody()), properties);
    }

    private static BodySection section(AmqpMessageBody body) {
        return switch (body.getBodyType()) {
            case DATA -> BodySection.DATA;
            case VALUE -> body.getValue() instanceof String ? BodySection.TEXT_VALUE : BodySection.OTHER_VALUE;
            case SEQUENCE -> BodySection.SEQUENCE;
        };
    }

    @Override
    public void close() {
        receiver.close();
    }
}
