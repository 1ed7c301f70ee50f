package io.amlcompute.provisioner.provisioning;

import io.amlcompute.provisioner.contract.Action;
import io.amlcompute.provisioner.contract.ControlRequest;

import java.time.Duration;
import java.util.Objects;

/**
 * A control request on its way to the orchestration it addresses, as the Durable external event {@value #EVENT}:
 * what to do, the control message's own ids (its answer carries them) and where to reply. Written as a JSON tree by
 * the project's ObjectMapper, so the durations cross as ISO-8601 whatever Durable's own Jackson does.
 *
 * @param extendBy       only for {@link Action#RENEW}
 * @param replyQueue     null when the control message asked for no reply
 * @param replySessionId null when {@code replyQueue} is null
 */
public record Signal(Action action, String requestId, String correlationId, Duration extendBy, String replyQueue,
                     String replySessionId) {

    /** The name of the external event; one name for every kind, so one wait hears them all, in order. */
    public static final String EVENT = "control";

    public Signal {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(correlationId, "correlationId");
        if (!action.isControl()) {
            throw new IllegalArgumentException(action + " is not a control action");
        }
        if ((action == Action.RENEW) != (extendBy != null)) {
            throw new IllegalArgumentException("extendBy goes with renew, and only with renew");
        }
        if ((replyQueue == null) != (replySessionId == null)) {
            throw new IllegalArgumentException("replyQueue and replySessionId go together");
        }
    }

    public static Signal of(ControlRequest control, ReplyAddress replyTo) {
        Duration extendBy = control instanceof ControlRequest.RenewLease renew ? renew.extendBy() : null;
        return new Signal(control.action(), control.requestId(), control.correlationId(), extendBy,
                replyTo == null ? null : replyTo.queue(), replyTo == null ? null : replyTo.sessionId());
    }

    public ReplyAddress replyAddress() {
        return replyQueue == null ? null : new ReplyAddress(replyQueue, replySessionId);
    }
}
