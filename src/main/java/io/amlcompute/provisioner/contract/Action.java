package io.amlcompute.provisioner.contract;

import java.util.Locale;

/**
 * What a request asks for. {@link #START}, {@link #STOP} and {@link #RESTART} change a compute instance's power state
 * (ARM's Compute_Start, Compute_Stop and Compute_Restart, "actions to a compute instance": ComputeInstance only).
 */
public enum Action implements WireNamed {
    ENSURE,
    ATTACH,
    UPDATE,
    DETACH,
    DELETE,
    START,
    STOP,
    RESTART;

    @Override
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
