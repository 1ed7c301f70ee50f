package io.amlcompute.provisioner.provisioning;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.contract.event.Drift;
import io.amlcompute.provisioner.contract.event.Outcome;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the action step (ensure, attach, update, detach, delete) achieved. It travels from the activity to the
 * orchestrator as JSON, so it holds only plain values.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "result")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ActionResult.Done.class, name = "done"),
        @JsonSubTypes.Type(value = ActionResult.Failed.class, name = "failed"),
        @JsonSubTypes.Type(value = ActionResult.Wait.class, name = "wait")})
public sealed interface ActionResult {

    /**
     * ARM accepted the action (or nothing had to be done).
     *
     * @param status   the compute's status right after the action; null when the compute does not exist (a
     *                 delete or detach of something already gone)
     * @param expected how long this kind of request usually takes to get ready, for the polling policy; null
     *                 for the defaults
     * @param warnings what the action went ahead despite (pre-flight findings); empty for none
     */
    record Done(Outcome outcome, List<Drift> drift, ComputeStatus status, ExpectedDuration expected,
                List<ComputeStatus.ErrorInfo> warnings) implements ActionResult {
        public Done {
            Objects.requireNonNull(outcome, "outcome");
            drift = drift == null ? List.of() : List.copyOf(drift);
            warnings = warnings == null ? List.of() : List.copyOf(warnings);
        }

        public Done(Outcome outcome, List<Drift> drift, ComputeStatus status) {
            this(outcome, drift, status, null, List.of());
        }

        public Done(Outcome outcome, List<Drift> drift, ComputeStatus status, ExpectedDuration expected) {
            this(outcome, drift, status, expected, List.of());
        }

        public Done withExpected(ExpectedDuration duration) {
            return new Done(outcome, drift, status, duration, warnings);
        }

        public Done withWarnings(List<ComputeStatus.ErrorInfo> more) {
            if (more == null || more.isEmpty()) {
                return this;
            }
            List<ComputeStatus.ErrorInfo> all = new java.util.ArrayList<>(warnings);
            all.addAll(more);
            return new Done(outcome, drift, status, expected, all);
        }
    }

    /**
     * The action cannot succeed; retrying would not help. {@code outcome} is null when nothing was changed, and
     * {@link Outcome#REJECTED} when the pre-flight refused the request before any write.
     */
    record Failed(Outcome outcome, List<ComputeStatus.ErrorInfo> errors) implements ActionResult {
        public Failed {
            errors = List.copyOf(errors);
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("a failure names at least one error");
            }
        }
    }

    /**
     * Not now: try the action again after {@code retryAfter} (ARM throttled, a transient fault, another operation
     * on the compute, or a failed leftover still being deleted).
     *
     * @param retryAfter what the service asked for; null when it did not say
     */
    record Wait(WaitReason reason, String code, String message, Duration retryAfter) implements ActionResult {
        public Wait {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Why an action or a status read has to wait. */
    enum WaitReason {
        THROTTLED,
        TRANSIENT,
        OPERATION_IN_PROGRESS,
        DELETING_LEFTOVER;

        static WaitReason of(ErrorKind kind) {
            return switch (kind) {
                case THROTTLED -> THROTTLED;
                case OPERATION_IN_PROGRESS -> OPERATION_IN_PROGRESS;
                default -> TRANSIENT;
            };
        }
    }
}
