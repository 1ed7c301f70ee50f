package io.amlcompute.provisioner.contract;

import java.time.Duration;
import java.util.Objects;

/**
 * A lease on the compute an ensure makes ready: it lasts {@code duration} from the moment the compute is ready, can
 * be renewed and released by message, and at its end {@code onExpiry} is carried out.
 */
public record LeaseOptions(Duration duration, LeaseExpiry onExpiry) {

    public LeaseOptions {
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(onExpiry, "onExpiry");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a lease lasts a positive time: " + duration);
        }
    }
}
