package io.amlcompute.provisioner.arm;

import java.time.Duration;
import java.util.Objects;

/**
 * How the gateway retries a throttled (429) or transient (5xx, timeout, dropped connection) ARM call before it
 * surfaces the failure. Bounded twice: at most {@code maxAttempts} sends, and no single wait longer than
 * {@code maxRetryAfter}. A {@code Retry-After} above that cap is not waited for here: the failure surfaces at once
 * with the full {@code retryAfter}, so the orchestration waits on a durable timer instead of holding an activity.
 *
 * @param maxAttempts   sends per call, the first included; 1 disables retries
 * @param firstBackoff  the wait before the first retry when ARM gave no Retry-After; doubled for each further retry
 * @param maxBackoff    the longest wait without a Retry-After
 * @param maxRetryAfter the longest Retry-After honoured in-process
 * @param pause         how a wait is spent; tests pass one that records the waits instead of sleeping
 */
public record RetrySettings(int maxAttempts, Duration firstBackoff, Duration maxBackoff, Duration maxRetryAfter,
                            Pause pause) {

    /** Four sends, backoff 1 s doubling up to 8 s, Retry-After honoured up to 30 s, waits spent sleeping. */
    public static RetrySettings defaults() {
        return new RetrySettings(4, Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofSeconds(30),
                Pause.SLEEP);
    }

    public RetrySettings {
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        Objects.requireNonNull(pause, "pause");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (firstBackoff.isNegative() || maxBackoff.isNegative() || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("retry durations must not be negative");
        }
    }

    /** These settings with waits spent by {@code pause}. */
    public RetrySettings withPause(Pause pause) {
        return new RetrySettings(maxAttempts, firstBackoff, maxBackoff, maxRetryAfter, pause);
    }

    /**
     * The wait before retry number {@code retry} (1 for the first retry), or null when the service asked for a
     * longer wait than {@link #maxRetryAfter} and the call should give up now.
     *
     * @param retryAfter what the service asked for; null when it did not say
     */
    Duration delayBefore(int retry, Duration retryAfter) {
        if (retryAfter != null && !retryAfter.isNegative() && !retryAfter.isZero()) {
            return retryAfter.compareTo(maxRetryAfter) > 0 ? null : retryAfter;
        }
        Duration backoff = firstBackoff.multipliedBy(1L << Math.min(retry - 1, 20));
        return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
    }

    /** Spends a wait between two attempts. */
    @FunctionalInterface
    public interface Pause {

        /** Blocks the calling thread. */
        Pause SLEEP = duration -> Thread.sleep(duration.toMillis());

        void pause(Duration duration) throws InterruptedException;
    }
}
