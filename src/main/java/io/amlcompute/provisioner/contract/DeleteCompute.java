package io.amlcompute.provisioner.contract;

import java.util.Objects;

/**
 * Delete a managed compute: an AmlCompute cluster and its nodes, or a compute instance (ARM's
 * {@code underlyingResourceAction=Delete} for both, contract notes section 4).
 *
 * @param expectedType the managed type the request expects to find; AmlCompute when the request did not say
 */
public record DeleteCompute(String computeName, ComputeType expectedType) implements ComputeOperation {

    public DeleteCompute {
        Objects.requireNonNull(computeName, "computeName");
        Objects.requireNonNull(expectedType, "expectedType");
        if (expectedType.attachable()) {
            throw new IllegalArgumentException(expectedType.wireName() + " is attached: detach it, not delete");
        }
    }

    /** Delete of an AmlCompute cluster, the type a delete without {@code compute.type} means. */
    public DeleteCompute(String computeName) {
        this(computeName, ComputeType.AML_COMPUTE);
    }

    @Override
    public Action action() {
        return Action.DELETE;
    }

    @Override
    public ComputeType computeType() {
        return expectedType;
    }
}
