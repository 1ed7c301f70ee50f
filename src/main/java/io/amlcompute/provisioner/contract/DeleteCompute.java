package io.amlcompute.provisioner.contract;

import java.util.Objects;

/** Delete a managed AmlCompute cluster and its nodes. */
public record DeleteCompute(String computeName) implements ComputeOperation {

    public DeleteCompute {
        Objects.requireNonNull(computeName, "computeName");
    }

    @Override
    public Action action() {
        return Action.DELETE;
    }

    @Override
    public ComputeType computeType() {
        return ComputeType.AML_COMPUTE;
    }
}
