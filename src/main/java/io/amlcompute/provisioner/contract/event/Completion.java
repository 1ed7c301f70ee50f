package io.amlcompute.provisioner.contract.event;

import io.amlcompute.provisioner.contract.ComputeStatus;

import java.util.List;
import java.util.Objects;

/**
 * How a request ended, before it is dressed as an event: what the orchestration (or {@code computectl apply})
 * decided. {@link ComputeEvents#completed} turns it into the {@link ComputeEvent}.
 *
 * @param outcome null when the action could not be carried out
 * @param status  null when no status was read
 */
public record Completion(EventType type, Outcome outcome, ComputeStatus status, List<ComputeStatus.ErrorInfo> errors,
                         List<Drift> drift, int polls) {

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
    }
}
