package io.amlcompute.provisioner.contract.event;

import io.amlcompute.provisioner.contract.ComputeStatus;

import java.util.List;
import java.util.Objects;

/**
 * How a request ended, before it is dressed as an event: what the orchestration (or {@code computectl apply})
 * decided. {@link ComputeEvents#completed} turns it into the {@link ComputeEvent}.
 *
 * @param outcome  null when the action could not be carried out
 * @param status   null when no status was read
 * @param warnings what the request went ahead despite (pre-flight findings); empty for none
 */
public record Completion(EventType type, Outcome outcome, ComputeStatus status, List<ComputeStatus.ErrorInfo> errors,
                         List<Drift> drift, int polls, List<ComputeStatus.ErrorInfo> warnings) {

    public Completion {
        Objects.requireNonNull(type, "type");
        if (type == EventType.REJECTED) {
            throw new IllegalArgumentException("rejections are built from validation errors, see ComputeEvents.rejected");
        }
        if (!type.isTerminal()) {
            throw new IllegalArgumentException(type + " does not end a request, see ComputeEvents.lease");
        }
        errors = errors == null ? List.of() : List.copyOf(errors);
        drift = drift == null ? List.of() : List.copyOf(drift);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** Without warnings. */
    public Completion(EventType type, Outcome outcome, ComputeStatus status, List<ComputeStatus.ErrorInfo> errors,
                      List<Drift> drift, int polls) {
        this(type, outcome, status, errors, drift, polls, List.of());
    }

    /** This completion with {@code more} warnings after its own. */
    public Completion withWarnings(List<ComputeStatus.ErrorInfo> more) {
        if (more == null || more.isEmpty()) {
            return this;
        }
        List<ComputeStatus.ErrorInfo> all = new java.util.ArrayList<>(warnings);
        all.addAll(more);
        return new Completion(type, outcome, status, errors, drift, polls, all);
    }
}
