package io.amlcompute.provisioner.contract;

import java.util.Objects;
import java.util.Set;

/**
 * Start, stop or restart a compute instance: ARM's {@code POST .../computes/{name}/start|stop|restart}, long-running
 * operations that "apply only to ComputeInstance" (contract notes section 4).
 */
public record InstancePowerChange(String computeName, Action action) implements ComputeOperation {

    private static final Set<Action> POWER_ACTIONS = Set.of(Action.START, Action.STOP, Action.RESTART);

    public InstancePowerChange {
        Objects.requireNonNull(computeName, "computeName");
        Objects.requireNonNull(action, "action");
        if (!POWER_ACTIONS.contains(action)) {
            throw new IllegalArgumentException(action + " is not start, stop or restart");
        }
    }

    /** Whether {@code action} is one of start, stop and restart. */
    public static boolean isPowerAction(Action action) {
        return POWER_ACTIONS.contains(action);
    }

    @Override
    public ComputeType computeType() {
        return ComputeType.COMPUTE_INSTANCE;
    }
}
