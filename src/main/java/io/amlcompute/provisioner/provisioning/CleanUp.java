package io.amlcompute.provisioner.provisioning;

import io.amlcompute.provisioner.contract.ArmNames;
import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.LeaseExpiry;
import io.amlcompute.provisioner.contract.WorkspaceRef;

import java.util.Objects;

/**
 * Undoing what a request holds: the expiry action of its lease, or what a cancel removes. Removal is conditional on
 * the compute carrying {@code creatorRequestId}'s {@link CreatorMark}: a request only ever deletes or detaches what
 * it created or attached itself. Kept small, as a status read is: it is stored in the orchestration history.
 *
 * @param creatorRequestId the request whose compute this is (the lease's id, or the cancelled request's)
 * @param correlationId    carried into the ARM calls
 */
public record CleanUp(WorkspaceRef workspace, String computeName, Kind kind, String creatorRequestId,
                      String correlationId) {

    public CleanUp {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(computeName, "computeName");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(creatorRequestId, "creatorRequestId");
        Objects.requireNonNull(correlationId, "correlationId");
        if (!ArmNames.isComputeAddress(workspace, computeName)) {
            throw new IllegalArgumentException("not a compute address: " + workspace.key() + "/" + computeName);
        }
    }

    public enum Kind {
        /** DELETE, only of a compute the creator made. */
        DELETE,
        /** DELETE with underlyingResourceAction Detach, only of a compute the creator attached. */
        DETACH,
        /** PATCH the cluster's min nodes to 0, keeping its max and idle time. */
        SCALE_TO_ZERO,
        /** Stop a compute instance. */
        STOP
    }

    /** The expiry action of {@code request}'s lease. */
    public static CleanUp atLeaseEnd(ComputeRequest request, LeaseExpiry onExpiry) {
        Kind kind = switch (onExpiry) {
            case DELETE -> Kind.DELETE;
            case SCALE_TO_ZERO -> Kind.SCALE_TO_ZERO;
            case STOP -> Kind.STOP;
        };
        return new CleanUp(request.workspace(), request.computeName(), kind, request.requestId(),
                request.correlationId());
    }

    /** Removing what {@code request} created or attached before a cancel stopped it. */
    public static CleanUp onCancel(ComputeRequest request) {
        Kind kind = request.operation().computeType().attachable() ? Kind.DETACH : Kind.DELETE;
        return new CleanUp(request.workspace(), request.computeName(), kind, request.requestId(),
                request.correlationId());
    }

    public ComputeAddress address() {
        return new ComputeAddress(workspace, computeName);
    }
}
