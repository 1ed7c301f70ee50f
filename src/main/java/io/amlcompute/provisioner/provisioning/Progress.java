package io.amlcompute.provisioner.provisioning;

import java.time.Instant;

/**
 * What a running request is doing, for the status API and {@code computectl}: the orchestration's custom
 * status. Plain values only.
 *
 * @param phase       acting, waiting, publishing or done
 * @param nextPollAt  null when no read is scheduled
 */
public record Progress(Phase phase, String provisioningState, String allocationState, Integer currentNodeCount,
                       Integer targetNodeCount, int polls, Instant nextPollAt, Instant deadline) {

    public enum Phase {
        ACTING, WAITING, PUBLISHING, DONE
    }
}
