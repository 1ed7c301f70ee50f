package io.amlcompute.provisioner.contract;

import java.util.Objects;

/**
 * Change the scale settings of an existing AmlCompute cluster (ARM PATCH: scale settings are all it can change).
 *
 * @param idleBeforeScaleDownGiven false when the request left the idle time out; the existing value is kept
 */
public record UpdateScaleSettings(String computeName, ScaleSettings scale, boolean idleBeforeScaleDownGiven)
        implements ComputeOperation {

    public UpdateScaleSettings {
        Objects.requireNonNull(computeName, "computeName");
        Objects.requireNonNull(scale, "scale");
    }

    @Override
    public Action action() {
        return Action.UPDATE;
    }

    @Override
    public ComputeType computeType() {
        return ComputeType.AML_COMPUTE;
    }
}
