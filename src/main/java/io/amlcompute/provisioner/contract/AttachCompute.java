package io.amlcompute.provisioner.contract;

import java.util.Objects;

/**
 * Attach an existing, unmanaged compute to the workspace under {@code computeName}.
 *
 * @param location    null means the workspace's region
 * @param identity    null for none
 * @param description null for none
 */
public record AttachCompute(String computeName, AttachTarget target, String location, ManagedIdentity identity,
                            String description) implements ComputeOperation {

    public AttachCompute {
        Objects.requireNonNull(computeName, "computeName");
        Objects.requireNonNull(target, "target");
    }

    @Override
    public Action action() {
        return Action.ATTACH;
    }

    @Override
    public ComputeType computeType() {
        return target.computeType();
    }
}
