package io.amlcompute.provisioner.provisioning;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PollingPolicyTest {

    private static final ExpectedDuration NINETY_SECONDS = new ExpectedDuration(Duration.ofSeconds(90), 0.3);
    private final PollingPolicy noJitter = new PollingPolicy(Duration.ofSeconds(2), Duration.ofSeconds(30), 0);

    @Test
    void waitsForTheLikelyCompletionWindowBeforeTheFirstRead() {
        Duration first = noJitter.nextDelay(NINETY_SECONDS, Duration.ZERO, 0, null, 1);

        // The window opens at 90 s x (1 - 1.5 x 0.3) = 49.5 s, but no gap exceeds the 30 s cap.
        assertThat(first).isEqualTo(Duration.ofSeconds(30));
        assertThat(noJitter.nextDelay(NINETY_SECONDS, Duration.ofSeconds(30), 1, null, 1))
                .isEqualTo(Duration.ofMillis(19_500));
    }

    @Test
    void readsCloseTogetherInsideTheWindow() {
        Duration inside = noJitter.nextDelay(NINETY_SECONDS, Duration.ofSeconds(80), 3, null, 1);

        assertThat(inside).isEqualTo(Duration.ofSeconds(9));
    }

    @Test
    void readsGrowApartOnceTheComputeIsLateUpToTheCap() {
        Duration justLate = noJitter.nextDelay(NINETY_SECONDS, Duration.ofSeconds(150), 8, null, 1);
        Duration veryLate = noJitter.nextDelay(NINETY_SECONDS, Duration.ofMinutes(15), 30, null, 1);

        assertThat(justLate).isGreaterThan(Duration.ofSeconds(9)).isLessThan(Duration.ofSeconds(30));
        assertThat(veryLate).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void honoursRetryAfterEvenBeyondTheCap() {
        Duration delay = noJitter.nextDelay(NINETY_SECONDS, Duration.ofSeconds(80), 3, Duration.ofSeconds(120), 1);

        assertThat(delay).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void neverAsksForATimerLongerThanThreeDays() {
        Duration delay = noJitter.nextDelay(NINETY_SECONDS, Duration.ofSeconds(80), 3, Duration.ofDays(10), 1);

        assertThat(delay).isEqualTo(PollingPolicy.MAX_TIMER);
    }

    @Test
    void jitterIsDeterministicPerSeedAndSpreadsAcrossSeeds() {
        PollingPolicy jittered = new PollingPolicy(Duration.ofSeconds(2), Duration.ofSeconds(30), 0.1);

        Duration a = jittered.nextDelay(NINETY_SECONDS, Duration.ofSeconds(80), 3, null, "req-1".hashCode());
        Duration again = jittered.nextDelay(NINETY_SECONDS, Duration.ofSeconds(80), 3, null, "req-1".hashCode());
        Duration b = jittered.nextDelay(NINETY_SECONDS, Duration.ofSeconds(80), 3, null, "req-2".hashCode());

        assertThat(a).isEqualTo(again);
        assertThat(a).isNotEqualTo(b);
        assertThat(a.toMillis()).isBetween(8_100L, 9_900L);
        assertThat(b.toMillis()).isBetween(8_100L, 9_900L);
    }

    @Test
    void refusesSettingsThatWouldBreakTheTimerLimit() {
        assertThatThrownBy(() -> new PollingPolicy(Duration.ofSeconds(2), Duration.ofDays(4), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
