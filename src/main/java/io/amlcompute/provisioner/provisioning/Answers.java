package io.amlcompute.provisioner.provisioning;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.amlcompute.provisioner.contract.Action;
import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.contract.event.ComputeEvent;
import io.amlcompute.provisioner.contract.event.ComputeEvents;
import io.amlcompute.provisioner.contract.validation.ReasonCode;
import io.amlcompute.provisioner.contract.validation.RequestContext;
import io.amlcompute.provisioner.contract.validation.ValidationError;

import java.util.List;

/**
 * How one request answers the control requests sent to it, and keeps its progress current while it does: every
 * answer is published to the topic and the control message's reply session, and its id is added to
 * {@link Progress#answered()} only after that, so a trigger that sees the id knows the answer is out. A control
 * request seen before ({@link #seen}) is not answered again: its answer was published already, under an id
 * Service Bus would drop as a duplicate anyway.
 */
final class Answers {

    private final ProcessSteps steps;
    private final ComputeRequest holder;
    private List<String> answered;
    private LeaseView lease;
    private Progress last;

    Answers(ProcessSteps steps, ComputeRequest holder, List<String> answered, LeaseView lease) {
        this.steps = steps;
        this.holder = holder;
        this.answered = List.copyOf(answered);
        this.lease = lease;
    }

    boolean seen(Signal signal) {
        return answered.contains(signal.requestId());
    }

    List<String> answered() {
        return answered;
    }

    /** Reports {@code progress} with the lease and the answered ids. */
    void report(Progress progress) {
        last = progress.withLease(lease).withAnswered(answered);
        steps.report(last);
    }

    void lease(LeaseView view) {
        lease = view;
    }

    void answer(Signal signal, ComputeEvent event) {
        steps.publish(json(event), signal.replyAddress());
        done(signal);
    }

    /** Answers {@code signal} with a rejection naming the field that addressed this request. */
    void reject(Signal signal, ReasonCode code, String message) {
        reject(signal, code, signal.action() == Action.CANCEL ? "$.targetRequestId" : "$.leaseId", message);
    }

    void reject(Signal signal, ReasonCode code, String path, String message) {
        RequestContext context = new RequestContext(signal.requestId(), signal.correlationId(), signal.action(),
                holder.workspace(), holder.computeName(), holder.operation().computeType());
        answer(signal, ComputeEvents.rejected(context, List.of(new ValidationError(code, path, message)),
                steps.now(), signal.requestId()));
    }

    /** Marks {@code signal} answered by an event published elsewhere (a cancel's answer is the cancelled event). */
    void done(Signal signal) {
        answered = LeaseState.appended(answered, signal.requestId());
        if (last != null) {
            report(last);
        }
    }

    static String json(ComputeEvent event) {
        try {
            return Json.MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + event.id() + " cannot be written as JSON", e);
        }
    }
}
