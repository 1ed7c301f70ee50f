package io.amlcompute.provisioner.provisioning;

import java.time.Duration;
import java.util.Objects;

/**
 * When to read the status next: adaptive, not a fixed interval. The first read waits until completion becomes
 * likely, reads come close together while it is likely, and grow apart (up to a cap) once the compute is
 * late. A Retry-After from ARM is honoured. Deterministic: the same inputs give the same delay, and the jitter
 * that keeps a burst of requests from polling in lock-step is derived from a seed (the instance id), never
 * from a random source or the clock, so an orchestrator may call it during replay.
 */
public final class PollingPolicy {

    /** Durable Functions for Java 1.4.0 ends timers longer than 3 days early; never ask for more. */
    public static final Duration MAX_TIMER = Duration.ofDays(3);

    private final Duration minInterval;
    private final Duration maxInterval;
    private final double jitter;

    /**
     * @param minInterval the shortest gap between two reads
     * @param maxInterval the longest gap between two reads of a late compute
     * @param jitter      relative jitter, e.g. 0.1 for ±10 %
     */
    public PollingPolicy(Duration minInterval, Duration maxInterval, double jitter) {
        this.minInterval = Objects.requireNonNull(minInterval, "minInterval");
        this.maxInterval = Objects.requireNonNull(maxInterval, "maxInterval");
        if (minInterval.isNegative() || minInterval.isZero() || maxInterval.compareTo(minInterval) < 0
                || maxInterval.compareTo(MAX_TIMER) > 0 || jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("need 0 < minInterval <= maxInterval <= 3 days and 0 <= jitter < 1");
        }
        this.jitter = jitter;
    }

    public static PollingPolicy standard() {
        return new PollingPolicy(Duration.ofSeconds(2), Duration.ofSeconds(30), 0.1);
    }

    /**
     * The delay before the next read.
     *
     * @param expected   how long this kind of action usually takes
     * @param elapsed    time since the orchestration started
     * @param polls      reads made so far
     * @param retryAfter what ARM asked for on the last read; null if nothing
     * @param seed       jitter seed, e.g. the hash of the instance id
     */
    public Duration nextDelay(ExpectedDuration expected, Duration elapsed, int polls, Duration retryAfter, long seed) {
        double typical = seconds(expected.typical());
        double windowStart = typical * Math.max(0.0, 1.0 - 1.5 * expected.spread());
        double windowEnd = typical * (1.0 + 2.0 * expected.spread());
        double inWindow = Math.max(seconds(minInterval), typical * expected.spread() / 3.0);
        double now = seconds(elapsed);
        double delay;
        if (now < windowStart) {
            delay = windowStart - now;
        } else if (now < windowEnd) {
            delay = inWindow;
        } else {
            // Late: grow by half each read past the window, from the in-window gap up to the cap.
            double lateReads = Math.max(1.0, (now - windowEnd) / Math.max(inWindow, 1.0));
            delay = inWindow * Math.pow(1.5, Math.min(lateReads, 20));
        }
        delay = withJitter(delay, seed, polls);
        delay = Math.min(Math.max(delay, seconds(minInterval)), seconds(maxInterval));
        if (retryAfter != null) {
            delay = Math.max(delay, seconds(retryAfter));
        }
        return Duration.ofMillis(Math.round(Math.min(delay, seconds(MAX_TIMER)) * 1000));
    }

    private double withJitter(double delay, long seed, int polls) {
        if (jitter == 0) {
            return delay;
        }
        long mixed = mix(seed * 31 + polls);
        double unit = (mixed >>> 11) * 0x1.0p-53; // uniform in [0, 1)
        return delay * (1.0 + jitter * (2 * unit - 1));
    }

    /** SplitMix64 finaliser: spreads nearby seeds over the whole range. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
