package io.amlcompute.provisioner.contract.validation;

import io.amlcompute.provisioner.contract.Action;
import io.amlcompute.provisioner.contract.ComputeType;
import io.amlcompute.provisioner.contract.WorkspaceRef;

/**
 * What could be learned about a request even when it is invalid, for the rejection event and the logs. Each
 * field holds a value only when that value passed its own checks, so nothing malformed reaches message
 * properties or subscription filters.
 */
public record RequestContext(String requestId, String correlationId, Action action, WorkspaceRef workspace,
                             String computeName, ComputeType computeType) {

    public static final RequestContext EMPTY = new RequestContext(null, null, null, null, null, null);
}
