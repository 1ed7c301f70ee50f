package io.amlcompute.provisioner.local.host.testbus;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.ServiceBusQueueTrigger;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A Service Bus triggered function of the test app that records every delivery it sees. A body
 * {@code fail-until-<n>} throws until the delivery count reaches n; {@code always-fail} always throws.
 */
public final class Inbox {

    /** What each invocation was given, in arrival order. */
    public static final Queue<Delivery> DELIVERIES = new ConcurrentLinkedQueue<>();

    @FunctionName("Inbox")
    public void receive(
            @ServiceBusQueueTrigger(name = "message", queueName = "%INBOX_QUEUE%", connection = "TestBus") String body,
            @BindingName("MessageId") String messageId,
            @BindingName("CorrelationId") String correlationId,
            @BindingName("ReplyTo") String replyTo,
            @BindingName("ReplyToSessionId") String replyToSessionId,
            @BindingName("DeliveryCount") Integer deliveryCount,
            @BindingName("SessionId") String sessionId,
            @BindingName("Subject") String subject,
            @BindingName("EnqueuedTimeUtc") String enqueuedTimeUtc,
            @BindingName("ApplicationProperties") Map<String, Object> applicationProperties,
            ExecutionContext context) {
        DELIVERIES.add(new Delivery(body, messageId, correlationId, replyTo, replyToSessionId, deliveryCount, sessionId,
                subject, enqueuedTimeUtc, applicationProperties, context.getInvocationId()));
        if (body.equals("always-fail")
                || (body.startsWith("fail-until-") && deliveryCount < Integer.parseInt(body.substring(11)))) {
            throw new IllegalStateException("failing delivery " + deliveryCount + " on purpose");
        }
    }

    /** One invocation's bindings. */
    public record Delivery(String body, String messageId, String correlationId, String replyTo,
                           String replyToSessionId, Integer deliveryCount, String sessionId, String subject,
                           String enqueuedTimeUtc, Map<String, Object> applicationProperties, String invocationId) {
    }
}
