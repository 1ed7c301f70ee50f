package io.amlcompute.provisioner.contract.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.amlcompute.provisioner.contract.Action;
import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.contract.ComputeType;
import io.amlcompute.provisioner.contract.WorkspaceRef;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The {@code data} of every event. Fields a rejection could not learn (an unreadable workspace, say) are absent.
 *
 * @param compute  name, type and ARM resource id of the compute
 * @param outcome  what the action did; null when it could not be carried out
 * @param status   the last status read from ARM; null when none was read
 * @param errors   why it failed, timed out or was rejected; empty for success
 * @param drift    differences between the request and an existing compute that was reused as it is
 * @param warnings what the request should know although it went ahead, e.g. a pre-flight finding that the quota
 *                 left does not cover {@code maxNodes}; absent from the JSON when there is none
 * @param polls    status reads made while waiting
 * @param lease    the request's lease: on its ready event (when it holds one), its lease events and the answers to
 *                 renew and release; null otherwise
 */
public record EventData(
        String requestId,
        String correlationId,
        Action action,
        WorkspaceRef workspace,
        ComputeRef compute,
        Outcome outcome,
        ComputeStatus status,
        List<ComputeStatus.ErrorInfo> errors,
        List<Drift> drift,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ComputeStatus.ErrorInfo> warnings,
        Timings timings,
        Integer polls,
        LeaseInfo lease) {

    public EventData {
        errors = errors == null ? List.of() : List.copyOf(errors);
        drift = drift == null ? List.of() : List.copyOf(drift);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** Without a lease. */
    public EventData(String requestId, String correlationId, Action action, WorkspaceRef workspace, ComputeRef compute,
                     Outcome outcome, ComputeStatus status, List<ComputeStatus.ErrorInfo> errors, List<Drift> drift,
                     List<ComputeStatus.ErrorInfo> warnings, Timings timings, Integer polls) {
        this(requestId, correlationId, action, workspace, compute, outcome, status, errors, drift, warnings, timings,
                polls, null);
    }

    /** @param resourceId ARM id of the workspace compute, {@code .../workspaces/{ws}/computes/{name}} */
    public record ComputeRef(String name, ComputeType type, String resourceId) {
    }

    /**
     * @param receivedAt  when the request was accepted (the orchestration's start)
     * @param completedAt when the terminal state was seen
     * @param elapsed     the difference, ISO-8601 on the wire
     */
    public record Timings(Instant receivedAt, Instant completedAt, Duration elapsed) {
        public static Timings between(Instant receivedAt, Instant completedAt) {
            return new Timings(receivedAt, completedAt, Duration.between(receivedAt, completedAt));
        }
    }
}
