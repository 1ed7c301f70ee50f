package io.amlcompute.provisioner.contract;

import java.time.Duration;
import java.util.Objects;

/**
 * How the request is carried out. Always complete: the parser fills in defaults, so the orchestration never
 * has to guess.
 *
 * @param timeout      the deadline, counted from the start of the orchestration
 * @param waitForNodes for AmlCompute: ready only once at least this many nodes are allocated
 * @param preflight    what the region pre-flight does before a write that allocates nodes (ensure, update)
 */
public record RequestOptions(Duration timeout, int waitForNodes, OnExisting onExisting,
                             OnFailedLeftover onFailedLeftover, PreflightMode preflight) {

    public RequestOptions {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(onExisting, "onExisting");
        Objects.requireNonNull(onFailedLeftover, "onFailedLeftover");
        Objects.requireNonNull(preflight, "preflight");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (waitForNodes < 0) {
            throw new IllegalArgumentException("waitForNodes must not be negative: " + waitForNodes);
        }
    }

    /** With the default pre-flight, {@link PreflightMode#ENFORCE}. */
    public RequestOptions(Duration timeout, int waitForNodes, OnExisting onExisting, OnFailedLeftover onFailedLeftover) {
        this(timeout, waitForNodes, onExisting, onFailedLeftover, PreflightMode.ENFORCE);
    }
}
