package io.amlcompute.provisioner.local.servicebus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeToLiveTest {

    private static final Instant ENQUEUED = Instant.parse("2030-01-01T00:00:00.250Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    @Test
    void expiresOneTimeToLiveAfterTheEnqueuedTime() {
        assertThat(TimeToLive.expiry(ENQUEUED, Duration.ofMinutes(5))).isEqualTo(ENQUEUED.plusSeconds(300));
    }

    @Test
    void saturatesAtTheYear9999ForTheUnlimitedDefaultAndAtTheBoundary() {
        Duration unlimited = Duration.ofSeconds(922_337_203_685L, 477_580_700L); // TimeSpan.MaxValue
        Duration exactlyToLatest = Duration.between(ENQUEUED.plusSeconds(1), LATEST).plusSeconds(1);

        assertThat(TimeToLive.expiry(ENQUEUED, unlimited)).isEqualTo(LATEST);
        assertThat(TimeToLive.expiry(ENQUEUED, exactlyToLatest)).isEqualTo(LATEST);
        assertThat(TimeToLive.expiry(ENQUEUED, exactlyToLatest.minusMillis(1))).isEqualTo(LATEST.minusMillis(1));
    }

    @Test
    void takesTheShorterOfTheMessagesAndTheEntitysTimeToLive() {
        assertThat(TimeToLive.effective(null, Duration.ofDays(14))).isEqualTo(Duration.ofDays(14));
        assertThat(TimeToLive.effective(Duration.ofMinutes(1), Duration.ofDays(14))).isEqualTo(Duration.ofMinutes(1));
        assertThat(TimeToLive.effective(Duration.ofDays(30), Duration.ofDays(14))).isEqualTo(Duration.ofDays(14));
    }
}
