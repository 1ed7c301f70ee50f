package io.amlcompute.provisioner.provisioning;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PollingPolicyTest {

    /** Median 90 s, ±30 %: the likely window runs from about 58.4 s (5th pct) to 165.7 s (99th pct). */
    private static final ExpectedDuration NINETY_SECONDS = new ExpectedDuration(Duration.ofSeconds(90), 0.3);
    private final PollingPolicy noJitter = new PollingPolicy(Duration.ofSeconds(2), Duration.ofSeconds(8),
            Duration.ofSeconds(20), 0);

    @Test
    void firstReadWaitsUntilCompletionBecomesLikely() {
        Duration first = noJitter.nextDelay(NINETY_SECONDS, Duration.ZERO, 0, null, 1);

        assertThat(first.toMillis()).isBetween(58_300L, 58_600L);
    }

    @Test
    void readsCloseTogetherWhileCompletionIsLikely() {
        assertThat(noJitter.nextDelay(NINETY_SECONDS, Duration.ofSeconds(60), 1, null, 1)).isEqualTo(Duration.ofSeconds(8));
        assertThat(noJitter.nextDelay(NINETY_SECONDS, Duration.ofSeconds(160), 9, null, 1)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void readsGrowApartOnceTheComputeIsLateUpToTheCap() {
        Duration justLate = noJitter.nextDelay(NINETY_SECONDS, Duration.ofSeconds(190), 12, null, 1);
        Duration veryLate = noJitter.nextDelay(NINETY_SECONDS, Duration.ofMinutes(15), 40, null, 1);

        assertThat(justLate).isGreaterThan(Duration.ofSeconds(8)).isLessThan(Duration.ofSeconds(20));
        assertThat(veryLate).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void aShortExpectationReadsEarly() {
        Duration first = noJitter.nextDelay(new ExpectedDuration(Duration.ofSeconds(20), 0.3), Duration.ZERO, 0, null, 1);

        assertThat(first.toMillis()).isBetween(12_000L, 13_500L);
    }

    @Test
    void readsAtOnceWhenCompletionIsAlreadyLikely() {
        ExpectedDuration instant = new ExpectedDuration(Duration.ZERO, 0.5);

        assertThat(noJitter.nextDelay(instant, Duration.ofMillis(300), 0, null, 1)).isZero();
        assertThat(noJitter.nextDelay(instant, Duration.ofMillis(900), 1, null, 1))
                .isBetween(Duration.ofSeconds(2), Duration.ofSeconds(3));
    }

    @Test
    void theFirstReadOfASubSecondExpectationIsNotHeldToTheGapBetweenReads() {
        ExpectedDuration learnedFast = new ExpectedDuration(Duration.ofMillis(400), 0.3);

        assertThat(noJitter.nextDelay(learnedFast, Duration.ofMillis(50), 0, null, 1).toMillis()).isBetween(180L, 260L);
        assertThat(noJitter.nextDelay(learnedFast, Duration.ofMillis(600), 1, null, 1)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aShortTightExpectationReadsCloserThanTheStandardGap() {
        ExpectedDuration attach = new ExpectedDuration(Duration.ofSeconds(10), 0.3);

        assertThat(noJitter.nextDelay(attach, Duration.ofSeconds(8), 1, null, 1)).isEqualTo(Duration.ofSeconds(3));
        assertThat(noJitter.nextDelay(NINETY_SECONDS, Duration.ofSeconds(80), 1, null, 1)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void honoursRetryAfterEvenBeyondTheCap() {
        Duration delay = noJitter.nextDelay(NINETY_SECONDS, Duration.ofSeconds(80), 3, Duration.ofSeconds(120), 1);

        assertThat(delay).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void neverAsksForATimerLongerThanThreeDays() {
        Duration delay = noJitter.nextDelay(NINETY_SECONDS, Duration.ofSeconds(80), 3, Duration.ofDays(10), 1);
        Duration hugeExpectation = noJitter.nextDelay(new ExpectedDuration(Duration.ofDays(30), 0.1), Duration.ZERO,
                0, null, 1);

        assertThat(delay).isEqualTo(PollingPolicy.MAX_TIMER);
        assertThat(hugeExpectation).isEqualTo(PollingPolicy.MAX_TIMER);
    }

    @Test
    void jitterIsDeterministicPerSeedAndSpreadsAcrossSeeds() {
        PollingPolicy jittered = new PollingPolicy(Duration.ofSeconds(2), Duration.ofSeconds(8), Duration.ofSeconds(20), 0.1);

        Duration a = jittered.nextDelay(NINETY_SECONDS, Duration.ofSeconds(80), 3, null, "req-1".hashCode());
        Duration again = jittered.nextDelay(NINETY_SECONDS, Duration.ofSeconds(80), 3, null, "req-1".hashCode());
        Duration b = jittered.nextDelay(NINETY_SECONDS, Duration.ofSeconds(80), 3, null, "req-2".hashCode());

        assertThat(a).isEqualTo(again);
        assertThat(a).isNotEqualTo(b);
        assertThat(a.toMillis()).isBetween(7_200L, 8_800L);
        assertThat(b.toMillis()).isBetween(7_200L, 8_800L);
    }

    @Test
    void refusesSettingsThatWouldBreakTheTimerLimit() {
        assertThatThrownBy(() -> new PollingPolicy(Duration.ofSeconds(2), Duration.ofSeconds(8), Duration.ofDays(4), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
