package io.amlcompute.provisioner.provisioning;

import io.amlcompute.provisioner.contract.Action;
import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.ControlRequest;
import io.amlcompute.provisioner.contract.RequestMessageProperties;
import io.amlcompute.provisioner.contract.event.ComputeEvent;
import io.amlcompute.provisioner.contract.event.ComputeEvents;
import io.amlcompute.provisioner.contract.validation.MessageEnvelope;
import io.amlcompute.provisioner.contract.validation.ReasonCode;
import io.amlcompute.provisioner.contract.validation.RequestContext;
import io.amlcompute.provisioner.contract.validation.RequestValidator;
import io.amlcompute.provisioner.contract.validation.RequestWriter;
import io.amlcompute.provisioner.contract.validation.ValidationError;
import io.amlcompute.provisioner.contract.validation.Verdict;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * What happens to a request message: a valid one starts its orchestration once, however often it is delivered;
 * a valid control request (renew, release, cancel) is handed to the orchestration it names, which answers it; an
 * invalid one is answered with a rejection event and never touches Azure. Failures to reach the Durable
 * backend or Service Bus propagate, so the message is redelivered. Thread-safe.
 */
public final class RequestIntake {

    private final RequestValidator validator;
    private final OrchestrationStarter starter;
    private final EventPublisher publisher;
    private final String replyQueue;
    private final ProvisioningInput.LeaseTerms leaseTerms;
    private final Clock clock;

    /**
     * @param replyQueue the only queue replies may go to: a ReplyTo naming another entity is ignored, so a
     *                   message cannot make this app write into arbitrary queues
     * @param leaseTerms what the leases of requests accepted now run by
     */
    public RequestIntake(RequestValidator validator, OrchestrationStarter starter, EventPublisher publisher,
                         String replyQueue, ProvisioningInput.LeaseTerms leaseTerms, Clock clock) {
        this.validator = Objects.requireNonNull(validator, "validator");
        this.starter = Objects.requireNonNull(starter, "starter");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.replyQueue = Objects.requireNonNull(replyQueue, "replyQueue");
        this.leaseTerms = Objects.requireNonNull(leaseTerms, "leaseTerms");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Result accept(IncomingMessage message) {
        Verdict verdict = validator.validate(message.body(),
                new MessageEnvelope(null, message.property(RequestMessageProperties.CORRELATION_ID)));
        if (verdict instanceof Verdict.Rejected rejected) {
            return reject(message, rejected.context(), rejected.errors());
        }
        if (verdict instanceof Verdict.AcceptedControl control) {
            return handOver(message, control);
        }
        ComputeRequest request = ((Verdict.Accepted) verdict).request();
        ReplyAddress reply = replyAddressOf(message, request.requestId());
        String instanceId = instanceIdFor(request.requestId());
        ProvisioningInput input = ProvisioningInput.of(RequestWriter.toJson(request), reply,
                request.options().lease() == null ? null : leaseTerms);
        boolean started = starter.startIfAbsent(instanceId, input);
        return started ? new Result.Started(request, instanceId) : new Result.Duplicate(request, instanceId);
    }

    /**
     * A control request goes to the orchestration it names, which answers it; one that names no running request is
     * answered here, as a rejection that says why.
     */
    private Result handOver(IncomingMessage message, Verdict.AcceptedControl accepted) {
        ControlRequest control = accepted.control();
        ReplyAddress reply = replyAddressOf(message, control.requestId());
        String target = instanceIdFor(control.target());
        OrchestrationStarter.Delivery delivery = starter.signal(target, Signal.of(control, reply));
        String path = control.action() == Action.CANCEL ? "$.targetRequestId" : "$.leaseId";
        if (delivery instanceof OrchestrationStarter.Delivery.Unknown) {
            return reject(message, accepted.context(), List.of(new ValidationError(ReasonCode.UNKNOWN_REQUEST, path,
                    "No request " + control.target() + " is known: it was never accepted (see its rejection event),"
                            + " or it has not arrived yet.")));
        }
        if (delivery instanceof OrchestrationStarter.Delivery.Ended ended) {
            return reject(message, accepted.context(),
                    List.of(new ValidationError(ReasonCode.REQUEST_ENDED, path, ended.how())));
        }
        return new Result.Signalled(control, target);
    }

    private Result reject(IncomingMessage message, RequestContext context, List<ValidationError> errors) {
        ComputeEvent event = ComputeEvents.rejected(context, errors, clock.instant(), message.deliveryKey());
        publisher.publish(event, replyAddressOf(message, context.requestId()));
        return new Result.Rejected(event, errors);
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

        /** A control request the orchestration {@code instanceId} answered. */
        record Signalled(ControlRequest control, String instanceId) implements Result {
        }
    }
}
