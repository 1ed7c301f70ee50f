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
 * @param lease        ensure only: the lease on the ready compute; null for none
 * @param onCancel     what a cancel does with a compute this request created and that is not ready yet
 */
public record RequestOptions(Duration timeout, int waitForNodes, OnExisting onExisting,
                             OnFailedLeftover onFailedLeftover, PreflightMode preflight, LeaseOptions lease,
                             OnCancel onCancel) {

    /** Without a lease, keeping what a cancel finds. */
    public RequestOptions(Duration timeout, int waitForNodes, OnExisting onExisting, OnFailedLeftover onFailedLeftover,
                          PreflightMode preflight) {
        this(timeout, waitForNodes, onExisting, onFailedLeftover, preflight, null, OnCancel.KEEP);
    }

    public RequestOptions {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(onExisting, "onExisting");
        Objects.requireNonNull(onFailedLeftover, "onFailedLeftover");
        Objects.requireNonNull(preflight, "preflight");
        Objects.requireNonNull(onCancel, "onCancel");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (waitForNodes < 0) {
            throw new IllegalArgumentException("waitForNodes must not be negative: " + waitForNodes);
        }
    }

    /** With the default pre-flight, {@link PreflightMode#ENFORCE}, without a lease. */
    public RequestOptions(Duration timeout, int waitForNodes, OnExisting onExisting, OnFailedLeftover onFailedLeftover) {
        this(timeout, waitForNodes, onExisting, onFailedLeftover, PreflightMode.ENFORCE);
    }
}
