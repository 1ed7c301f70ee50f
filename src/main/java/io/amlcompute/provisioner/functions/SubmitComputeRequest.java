package io.amlcompute.provisioner.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.ServiceBusQueueTrigger;
import com.microsoft.durabletask.azurefunctions.DurableClientContext;
import com.microsoft.durabletask.azurefunctions.DurableClientInput;
import io.amlcompute.provisioner.provisioning.IncomingMessage;
import io.amlcompute.provisioner.provisioning.RequestIntake;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Where a request enters: the Service Bus trigger on the requests queue. Valid requests start their
 * orchestration once; invalid ones get a rejection event and the function returns normally, so Service Bus
 * does not redeliver a message that can never succeed. Anything transient (Durable backend or Service Bus
 * unreachable) throws, so the message is abandoned, redelivered, and finally dead-lettered.
 *
 * <p>It binds only what every message carries: the body, the application properties, the delivery count and the
 * sequence number, all as Strings. A {@code @BindingName} for a property the sender did not set (ReplyTo,
 * CorrelationId, even MessageId) would fail the invocation in Azure before this code runs (ADR 0006).
 */
public final class SubmitComputeRequest {

    public static final String NAME = "SubmitComputeRequest";

    private final Supplier<ProvisionerApp> app;

    public SubmitComputeRequest() {
        this(ProvisionerApp::instance);
    }

    SubmitComputeRequest(Supplier<ProvisionerApp> app) {
        this.app = app;
    }

    @FunctionName(NAME)
    public void run(
            @ServiceBusQueueTrigger(name = "message", queueName = "%COMPUTE_REQUESTS_QUEUE%",
                    connection = "ServiceBusConnection") String message,
            @BindingName("ApplicationProperties") String applicationProperties,
            @BindingName("DeliveryCount") String deliveryCount,
            @BindingName("SequenceNumber") String sequenceNumber,
            @DurableClientInput(name = "durableContext") DurableClientContext durableContext,
            ExecutionContext context) {
        IncomingMessage incoming = RequestMessageBinding.incoming(message, applicationProperties, deliveryCount,
                sequenceNumber);
        try (DurableOrchestrationStarter starter = new DurableOrchestrationStarter(durableContext)) {
            RequestIntake.Result result = app.get().intake(starter).accept(incoming);
            log(context, incoming, result);
        }
    }

    private static void log(ExecutionContext context, IncomingMessage message, RequestIntake.Result result) {
        if (result instanceof RequestIntake.Result.Started started) {
            RequestLog.info(context.getLogger(), "request.started", started.request().requestId(),
                    started.request().correlationId(), Map.of("action", started.request().action().wireName(),
                            "compute", started.request().computeName(), "deliveryCount", message.deliveryCount()));
        } else if (result instanceof RequestIntake.Result.Duplicate duplicate) {
            RequestLog.info(context.getLogger(), "request.duplicate", duplicate.request().requestId(),
                    duplicate.request().correlationId(), Map.of("instanceId", duplicate.instanceId(),
                            "deliveryCount", message.deliveryCount()));
        } else if (result instanceof RequestIntake.Result.Rejected rejected) {
            RequestLog.warn(context.getLogger(), "request.rejected", rejected.event().data().requestId(),
                    rejected.event().data().correlationId(), Map.of("deliveryKey", message.deliveryKey(),
                            "reasons", String.join(",", rejected.errors().stream().map(e -> e.code().name())
                                    .distinct().toList())));
        } else if (result instanceof RequestIntake.Result.Signalled signalled) {
            RequestLog.info(context.getLogger(), "request.signalled", signalled.control().requestId(),
                    signalled.control().correlationId(), Map.of("action", signalled.control().action().wireName(),
                            "target", signalled.instanceId(),
                            "deliveryCount", message.deliveryCount()));
        }
    }
}
