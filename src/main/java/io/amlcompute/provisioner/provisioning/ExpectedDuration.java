package io.amlcompute.provisioner.provisioning;

import io.amlcompute.provisioner.contract.Action;
import io.amlcompute.provisioner.contract.ComputeType;

import java.time.Duration;
import java.util.Objects;

/**
 * How long an action typically takes until the compute is ready, and how much that varies. The polling policy
 * concentrates its reads where completion is likely.
 *
 * @param typical the median duration
 * @param spread  relative spread around it (0.3 = most runs within ±30 %)
 */
public record ExpectedDuration(Duration typical, double spread) {

    public ExpectedDuration {
        Objects.requireNonNull(typical, "typical");
        if (typical.isNegative() || spread < 0 || spread > 5) {
            throw new IllegalArgumentException("typical must not be negative and spread within [0, 5]");
        }
    }

    /**
     * Defaults from what Azure ML usually takes: a new AmlCompute cluster reaches Steady in one to three minutes,
     * an attach completes in well under a minute; a compute instance is a whole VM with its images, so creating one
     * takes minutes, and starting, stopping and restarting it a minute or two each (the learned durations correct
     * these for where the app runs).
     */
    public static ExpectedDuration typicalFor(Action action, ComputeType type) {
        return switch (action) {
            case ENSURE -> type == ComputeType.COMPUTE_INSTANCE
                    ? new ExpectedDuration(Duration.ofMinutes(5), 0.4)
                    : new ExpectedDuration(Duration.ofSeconds(90), 0.3);
            case UPDATE -> new ExpectedDuration(Duration.ofSeconds(60), 0.4);
            case DELETE -> new ExpectedDuration(Duration.ofSeconds(45), 0.4);
            case DETACH -> new ExpectedDuration(Duration.ofSeconds(10), 0.5);
            case ATTACH -> type == ComputeType.KUBERNETES || type == ComputeType.SYNAPSE_SPARK
                    ? new ExpectedDuration(Duration.ofSeconds(30), 0.4)
                    : new ExpectedDuration(Duration.ofSeconds(20), 0.4);
            case START -> new ExpectedDuration(Duration.ofSeconds(150), 0.4);
            case STOP -> new ExpectedDuration(Duration.ofSeconds(90), 0.4);
            case RESTART -> new ExpectedDuration(Duration.ofSeconds(180), 0.4);
            case RENEW, RELEASE, CANCEL -> throw new IllegalArgumentException(action + " provisions nothing");
        };
    }
}
