package io.amlcompute.provisioner.contract;

import java.util.Locale;

/**
 * What a request asks for: something done to a compute, or (a control request) something done to another request
 * that is still running: renew or release its lease, or cancel it. {@link #START}, {@link #STOP} and
 * {@link #RESTART} change a compute instance's power state (ARM's Compute_Start, Compute_Stop and Compute_Restart,
 * "actions to a compute instance": ComputeInstance only).
 */
public enum Action implements WireNamed {
    ENSURE,
    ATTACH,
    UPDATE,
    DETACH,
    DELETE,
    START,
    STOP,
    RESTART,
    RENEW,
    RELEASE,
    CANCEL;

    @Override
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A control request: it addresses another request's orchestration, not a compute. */
    public boolean isControl() {
        return this == RENEW || this == RELEASE || this == CANCEL;
    }
}
