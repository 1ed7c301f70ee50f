package io.amlcompute.provisioner.arm;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetrySettingsTest {

    private final RetrySettings settings = new RetrySettings(4, Duration.ofSeconds(1), Duration.ofSeconds(8),
            Duration.ofSeconds(30), RetrySettings.Pause.SLEEP);

    @Test
    void backsOffExponentiallyUpToTheMaximumWithoutRetryAfter() {
        assertThat(settings.delayBefore(1, null)).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.delayBefore(2, null)).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.delayBefore(3, null)).isEqualTo(Duration.ofSeconds(4));
        assertThat(settings.delayBefore(5, null)).isEqualTo(Duration.ofSeconds(8));
        assertThat(settings.delayBefore(60, null)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void honoursRetryAfterUpToTheCapAndGivesUpBeyondIt() {
        assertThat(settings.delayBefore(1, Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.delayBefore(1, Duration.ofSeconds(31))).isNull();
        assertThat(settings.delayBefore(1, Duration.ZERO)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void refusesZeroAttempts() {
        assertThatThrownBy(() -> new RetrySettings(0, Duration.ZERO, Duration.ZERO, Duration.ZERO,
                RetrySettings.Pause.SLEEP)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsRetryAfterInSecondsMillisecondsAndAsHttpDate() {
        Clock clock = Clock.fixed(Instant.parse("2025-06-01T08:00:00Z"), ZoneOffset.UTC);

        assertThat(RetryAfter.from(headers("Retry-After", "1200"), clock)).contains(Duration.ofSeconds(1200));
        assertThat(RetryAfter.from(headers("retry-after-ms", "250"), clock)).contains(Duration.ofMillis(250));
        assertThat(RetryAfter.from(headers("x-ms-retry-after-ms", "40"), clock)).contains(Duration.ofMillis(40));
        assertThat(RetryAfter.from(headers("Retry-After", "Sun, 01 Jun 2025 08:00:07 GMT"), clock))
                .contains(Duration.ofSeconds(7));
        assertThat(RetryAfter.from(headers("Retry-After", "soon"), clock)).isEmpty();
        assertThat(RetryAfter.from(new HttpHeaders(), clock)).isEmpty();
    }

    private static HttpHeaders headers(String name, String value) {
        return new HttpHeaders().set(HttpHeaderName.fromString(name), value);
    }
}
