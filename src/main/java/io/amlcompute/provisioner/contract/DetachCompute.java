package io.amlcompute.provisioner.contract;

import java.util.Objects;

/**
 * Detach an attached compute: the underlying resource is left alone.
 *
 * @param expectedType the type the requester believes it is; null when the request did not say
 */
public record DetachCompute(String computeName, ComputeType expectedType) implements ComputeOperation {

    public DetachCompute {
        Objects.requireNonNull(computeName, "computeName");
    }

    @Override
    public Action action() {
        return Action.DETACH;
    }

    @Override
    public ComputeType computeType() {
        return expectedType;
    }
}
