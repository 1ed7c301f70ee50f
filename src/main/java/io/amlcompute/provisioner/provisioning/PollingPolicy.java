package io.amlcompute.provisioner.provisioning;

import java.time.Duration;
import java.util.Objects;

/**
 * When to read the status next: adaptive, not a fixed interval. The first read waits until completion becomes
 * likely (the 5th percentile of the expected duration), reads then come close together while completion is
 * likely (up to its 99th percentile), and grow apart, up to a cap, once the compute is late. A Retry-After from
 * ARM is honoured. When completion is already likely before the first read (an expectation of zero, as on the
 * local run's emulator), the first read happens at once. Deterministic: the same inputs give the same delay, and the jitter that keeps a burst of
 * requests from polling in lock-step is derived from a seed (the instance id), never from a random source or
 * the clock, so an orchestrator may call it during replay.
 *
 * <p>Why these shapes: a read every {@code close} seconds around the completion gives a mean detection delay of
 * about half that, while skipping the early phase, where completion is unlikely, is what saves reads. The
 * benchmark ({@code bin/bench}) compares this policy with fixed intervals on a seeded workload.
 */
public final class PollingPolicy {

    /** Durable Functions for Java 1.4.0 ends timers longer than 3 days early; never ask for more. */
    public static final Duration MAX_TIMER = Duration.ofDays(3);
    /** Standard-normal quantiles of the 5th and 99th percentiles. */
    private static final double Z_EARLY = 1.645;
    private static final double Z_LATE = 2.326;
    /** How fast the gap grows with lateness once past the likely window: a quarter of the lateness. */
    private static final double LATE_GROWTH = 0.25;

    private final Duration minInterval;
    private final Duration close;
    private final Duration lateCap;
    private final double jitter;

    /**
     * @param minInterval the shortest gap between two reads (the wait before the first read may be shorter)
     * @param close       the gap while completion is likely
     * @param lateCap     the longest gap between two reads of a late compute
     * @param jitter      relative jitter, e.g. 0.1 for ±10 %
     */
    public PollingPolicy(Duration minInterval, Duration close, Duration lateCap, double jitter) {
        this.minInterval = Objects.requireNonNull(minInterval, "minInterval");
        this.close = Objects.requireNonNull(close, "close");
        this.lateCap = Objects.requireNonNull(lateCap, "lateCap");
        if (minInterval.isNegative() || minInterval.isZero() || close.compareTo(minInterval) < 0
                || lateCap.compareTo(close) < 0 || lateCap.compareTo(MAX_TIMER) > 0 || jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException(
                    "need 0 < minInterval <= close <= lateCap <= 3 days and 0 <= jitter < 1");
        }
        this.jitter = jitter;
    }

    public static PollingPolicy standard() {
        return new PollingPolicy(Duration.ofSeconds(2), Duration.ofSeconds(7), Duration.ofSeconds(40), 0.1);
    }

    /**
     * The delay before the next read.
     *
     * @param expected   how long this kind of action usually takes
     * @param elapsed    time since the action was accepted
     * @param polls      reads made so far
     * @param retryAfter what ARM asked for on the last read; null if nothing
     * @param seed       jitter seed, e.g. the hash of the instance id
     */
    public Duration nextDelay(ExpectedDuration expected, Duration elapsed, int polls, Duration retryAfter, long seed) {
        double typical = seconds(expected.typical());
        double sigma = Math.log1p(expected.spread());
        double windowStart = typical * Math.exp(-Z_EARLY * sigma);
        double windowEnd = typical * Math.exp(Z_LATE * sigma);
        double now = seconds(elapsed);
        if (polls == 0 && now >= windowStart && retryAfter == null) {
            return Duration.ZERO;
        }
        // Short, tight expectations (an attach, the local emulator) read closer than the standard gap.
        double closeGap = Math.min(seconds(close), Math.max(seconds(minInterval), typical * expected.spread()));
        double delay;
        if (now < windowStart) {
            delay = windowStart - now;
        } else if (now < windowEnd) {
            delay = closeGap;
        } else {
            delay = Math.min(closeGap + LATE_GROWTH * (now - windowEnd), seconds(lateCap));
        }
        delay = withJitter(delay, seed, polls);
        if (polls > 0) {
            // The floor is between two reads. The first read follows the action, so a learned sub-second
            // expectation (the local stack) can be checked at its window start, not only after the floor.
            delay = Math.max(delay, seconds(minInterval));
        }
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
