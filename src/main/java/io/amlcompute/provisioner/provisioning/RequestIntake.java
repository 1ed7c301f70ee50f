package io.amlcompute.provisioner.provisioning;

import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.RequestMessageProperties;
import io.amlcompute.provisioner.contract.event.ComputeEvent;
import io.amlcompute.provisioner.contract.event.ComputeEvents;
import io.amlcompute.provisioner.contract.validation.MessageEnvelope;
import io.amlcompute.provisioner.contract.validation.RequestValidator;
import io.amlcompute.provisioner.contract.validation.RequestWriter;
import io.amlcompute.provisioner.contract.validation.ValidationError;
import io.amlcompute.provisioner.contract.validation.Verdict;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * What happens to a request message: a valid one starts its orchestration once, however often it is delivered;
 * an invalid one is answered with a rejection event and never touches Azure. Failures to reach the Durable
 * backend or Service Bus propagate, so the message is redelivered. Thread-safe.
 */
public final class RequestIntake {

    private final RequestValidator validator;
    private final OrchestrationStarter starter;
    private final EventPublisher publisher;
    private final String replyQueue;
    private final Clock clock;

    /**
     * @param replyQueue the only queue replies may go to: a ReplyTo naming another entity is ignored, so a
     *                   message cannot make this app write into arbitrary queues
     */
    public RequestIntake(RequestValidator validator, OrchestrationStarter starter, EventPublisher publisher,
                         String replyQueue, Clock clock) {
        this.validator = Objects.requireNonNull(validator, "validator");
        this.starter = Objects.requireNonNull(starter, "starter");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.replyQueue = Objects.requireNonNull(replyQueue, "replyQueue");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Result accept(IncomingMessage message) {
        Verdict verdict = validator.validate(message.body(),
                new MessageEnvelope(null, message.property(RequestMessageProperties.CORRELATION_ID)));
        if (verdict instanceof Verdict.Rejected rejected) {
            ComputeEvent event = ComputeEvents.rejected(rejected.context(), rejected.errors(), clock.instant(),
                    message.deliveryKey());
            ReplyAddress reply = replyAddressOf(message, rejected.context().requestId());
            publisher.publish(event, reply);
            return new Result.Rejected(event, rejected.errors());
        }
        ComputeRequest request = ((Verdict.Accepted) verdict).request();
        ReplyAddress reply = replyAddressOf(message, request.requestId());
        String instanceId = instanceIdFor(request.requestId());
        ProvisioningInput input = new ProvisioningInput(RequestWriter.toJson(request),
                reply == null ? null : reply.queue(), reply == null ? null : reply.sessionId());
        boolean started = starter.startIfAbsent(instanceId, input);
        return started ? new Result.Started(request, instanceId) : new Result.Duplicate(request, instanceId);
    }

    /**
     * The Durable instance id of a request: the requestId itself, so redeliveries and resends of the same
     * request meet the same instance, and the status API finds it from the requestId alone.
     */
    public static String instanceIdFor(String requestId) {
        return requestId;
    }

    /**
     * The reply address, when the message asks for one on the allowed reply queue: application properties
     * {@code replyTo} and {@code replyToSessionId}, the session defaulting to the requestId.
     */
    ReplyAddress replyAddressOf(IncomingMessage message, String requestId) {
        String replyTo = message.property(RequestMessageProperties.REPLY_TO);
        if (replyTo == null || !replyTo.equals(replyQueue)) {
            return null;
        }
        String session = message.property(RequestMessageProperties.REPLY_TO_SESSION_ID);
        String chosen = session != null ? session : requestId;
        return chosen == null ? null : new ReplyAddress(replyQueue, chosen);
    }

    /** What became of a message. */
    public sealed interface Result {
        record Started(ComputeRequest request, String instanceId) implements Result {
        }

        record Duplicate(ComputeRequest request, String instanceId) implements Result {
        }

        record Rejected(ComputeEvent event, List<ValidationError> errors) implements Result {
        }
    }
}
