package io.amlcompute.provisioner.contract;

import java.util.Objects;

/**
 * A validated request for compute. Only the request parser builds these from input; everything downstream
 * (policy, orchestration, events) can rely on every field being present and well-formed.
 *
 * @param requestId     the idempotency key: one orchestration and one terminal event per requestId
 * @param correlationId carried into every log line and event, and into ARM calls as the GUID of their
 *                      {@code x-ms-correlation-request-id}
 */
public record ComputeRequest(String requestId, String correlationId, WorkspaceRef workspace,
                             ComputeOperation operation, RequestOptions options) {

    /** The request schema version this build reads and writes. */
    public static final String SCHEMA_VERSION = "1.0";

    public ComputeRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(options, "options");
    }

    public Action action() {
        return operation.action();
    }

    public String computeName() {
        return operation.computeName();
    }
}
