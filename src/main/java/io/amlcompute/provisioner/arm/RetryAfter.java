package io.amlcompute.provisioner.arm;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How long ARM asked us to wait: {@code retry-after-ms} / {@code x-ms-retry-after-ms} (milliseconds, Azure's
 * finer-grained forms) or {@code Retry-After} (RFC 9110: whole seconds or an HTTP-date). ARM throttling sends up to
 * 1200 seconds (platform notes, section 5).
 */
final class RetryAfter {

    private static final HttpHeaderName RETRY_AFTER_MS = HttpHeaderName.fromString("retry-after-ms");
    private static final HttpHeaderName X_MS_RETRY_AFTER_MS = HttpHeaderName.fromString("x-ms-retry-after-ms");

    private RetryAfter() {
    }

    /** Empty when no header says, or its value cannot be read. */
    static Optional<Duration> from(HttpHeaders headers, Clock clock) {
        Optional<Duration> millis = millis(headers.getValue(RETRY_AFTER_MS))
                .or(() -> millis(headers.getValue(X_MS_RETRY_AFTER_MS)));
        if (millis.isPresent()) {
            return millis;
        }
        String value = headers.getValue(HttpHeaderName.RETRY_AFTER);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String trimmed = value.trim();
        try {
            long seconds = Long.parseLong(trimmed);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration until = Duration.between(clock.instant(), at.toInstant());
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    private static Optional<Duration> millis(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            long ms = Long.parseLong(value.trim());
            return ms < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(ms));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
