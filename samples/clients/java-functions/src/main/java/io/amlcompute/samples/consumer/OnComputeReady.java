package io.amlcompute.samples.consumer;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.ServiceBusTopicTrigger;

/**
 * Reacts when a compute is ready: a Service Bus trigger on a subscription of the provisioner's {@code compute-events}
 * topic. It binds the message body and nothing else, because the body is the one part every message has: a
 * {@code @BindingName} for a message property the sender left unset (CorrelationId is one, on some events) fails the
 * invocation before this code runs (see README.md).
 *
 * <p>Returning normally completes the message; throwing abandons it, and after the subscription's MaxDeliveryCount
 * Service Bus dead-letters it. Events of other types are completed and ignored, so the function works on a
 * subscription that filters (the recommended {@code compute-ready} one) and on one that does not ({@code all-events}).
 */
public final class OnComputeReady {

    @FunctionName("OnComputeReady")
    public void run(
            @ServiceBusTopicTrigger(name = "message", topicName = "%COMPUTE_EVENTS_TOPIC%",
                    subscriptionName = "%COMPUTE_EVENTS_SUBSCRIPTION%", connection = "ServiceBusConnection")
            String message,
            ExecutionContext context) {
        ComputeEvent event = ComputeEvent.parse(message);
        if (!ComputeEvent.READY.equals(event.type())) {
            return;
        }
        // Your reaction goes here: submit the waiting job, notify the team, ... Service Bus delivers at least once,
        // so make it idempotent per event id.
        context.getLogger().info("compute.ready eventId=" + event.id() + " requestId=" + event.requestId()
                + " compute=" + event.computeName() + " type=" + event.computeType() + " outcome=" + event.outcome()
                + " resourceId=" + event.computeResourceId());
    }
}
