package io.amlcompute.provisioner.contract;

import java.time.Duration;
import java.util.Objects;

/**
 * How the request is carried out. Always complete: the parser fills in defaults, so the orchestration never
 * has to guess.
 *
 * @param timeout      the deadline, counted from the start of the orchestration
 * @param waitForNodes for AmlCompute: ready only once at least this many nodes are allocated
 */
public record RequestOptions(Duration timeout, int waitForNodes, OnExisting onExisting,
                             OnFailedLeftover onFailedLeftover) {

    public RequestOptions {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(onExisting, "onExisting");
        Objects.requireNonNull(onFailedLeftover, "onFailedLeftover");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (waitForNodes < 0) {
            throw new IllegalArgumentException("waitForNodes must not be negative: " + waitForNodes);
        }
    }
}
