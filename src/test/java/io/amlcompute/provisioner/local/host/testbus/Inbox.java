package io.amlcompute.provisioner.local.host.testbus;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.ServiceBusQueueTrigger;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Service Bus triggered functions of the test app that record every delivery they see. A body
 * {@code fail-until-<n>} throws until the delivery count reaches n; {@code always-fail} always throws.
 */
public final class Inbox {

    /** What each invocation was given, in arrival order. */
    public static final Queue<Delivery> DELIVERIES = new ConcurrentLinkedQueue<>();

    /** Binds only metadata every message has (MessageId too: the test sends every message with one). */
    @FunctionName("Inbox")
    public void receive(
            @ServiceBusQueueTrigger(name = "message", queueName = "%INBOX_QUEUE%", connection = "TestBus") String body,
            @BindingName("MessageId") String messageId,
            @BindingName("DeliveryCount") Integer deliveryCount,
            @BindingName("EnqueuedTimeUtc") String enqueuedTimeUtc,
            @BindingName("SequenceNumber") Long sequenceNumber,
            @BindingName("ApplicationProperties") Map<String, Object> applicationProperties,
            @BindingName("ApplicationProperties") String applicationPropertiesJson,
            ExecutionContext context) {
        DELIVERIES.add(new Delivery(body, messageId, null, deliveryCount, enqueuedTimeUtc, sequenceNumber,
                applicationProperties, applicationPropertiesJson, context.getInvocationId()));
        if (body.equals("always-fail")
                || (body.startsWith("fail-until-") && deliveryCount < Integer.parseInt(body.substring(11)))) {
            throw new IllegalStateException("failing delivery " + deliveryCount + " on purpose");
        }
    }

    /** Binds CorrelationId, which a message has only when its sender set one. */
    @FunctionName("StrictInbox")
    public void receiveStrictly(
            @ServiceBusQueueTrigger(name = "message", queueName = "%STRICT_QUEUE%", connection = "TestBus") String body,
            @BindingName("MessageId") String messageId,
            @BindingName("CorrelationId") String correlationId,
            @BindingName("DeliveryCount") Integer deliveryCount) {
        DELIVERIES.add(new Delivery(body, messageId, correlationId, deliveryCount, null, null, null, null, null));
    }

    /** One invocation's bindings. */
    public record Delivery(String body, String messageId, String correlationId, Integer deliveryCount,
                           String enqueuedTimeUtc, Long sequenceNumber, Map<String, Object> applicationProperties,
                           String applicationPropertiesJson, String invocationId) {
    }
}
