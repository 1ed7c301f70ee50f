package io.amlcompute.provisioner.provisioning;

import io.amlcompute.provisioner.contract.ArmNames;
import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.WorkspaceRef;

import java.util.Objects;

/**
 * What a status read needs: the compute's address and the ids to carry, nothing of the request's settings. The
 * monitor loop schedules one per poll, so it is kept small: each one is stored in the orchestration history.
 * Its names are checked again here, as the request's were, because it reaches the ARM gateway from history.
 */
public record StatusQuery(WorkspaceRef workspace, String computeName, String requestId, String correlationId) {

    public StatusQuery {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(computeName, "computeName");
        if (!ArmNames.isComputeAddress(workspace, computeName)) {
            throw new IllegalArgumentException("not a compute address: " + workspace.key() + "/" + computeName);
        }
    }

    public static StatusQuery of(ComputeRequest request) {
        return new StatusQuery(request.workspace(), request.computeName(), request.requestId(), request.correlationId());
    }

    public ComputeAddress address() {
        return new ComputeAddress(workspace, computeName);
    }
}
