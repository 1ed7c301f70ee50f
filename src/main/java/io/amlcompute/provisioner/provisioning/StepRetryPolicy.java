package io.amlcompute.provisioner.provisioning;

import java.time.Duration;

/**
 * How long to wait before repeating an action step that answered "not now", and when to stop. Bounded in
 * attempts and in each wait; honours Retry-After up to {@link #MAX_RETRY_AFTER} (ARM throttling asks for up
 * to 1200 s).
 */
public final class StepRetryPolicy {

    public static final int MAX_ATTEMPTS = 12;
    static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(20);
    private static final Duration FIRST = Duration.ofSeconds(5);
    private static final Duration CAP = Duration.ofMinutes(2);
    private static final Duration LEFTOVER_POLL = Duration.ofSeconds(10);

    private StepRetryPolicy() {
    }

    /**
     * @param attempt how many waits this step has had, counting this one (1 for the first)
     * @return the wait, or null when the step should give up
     */
    public static Duration delay(ActionResult.Wait wait, int attempt) {
        if (attempt > MAX_ATTEMPTS) {
            return null;
        }
        if (wait.retryAfter() != null && !wait.retryAfter().isNegative() && !wait.retryAfter().isZero()) {
            return wait.retryAfter().compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait.retryAfter();
        }
        if (wait.reason() == ActionResult.WaitReason.DELETING_LEFTOVER) {
            return LEFTOVER_POLL;
        }
        Duration backoff = FIRST.multipliedBy(1L << Math.min(attempt - 1, 10));
        return backoff.compareTo(CAP) > 0 ? CAP : backoff;
    }
}
