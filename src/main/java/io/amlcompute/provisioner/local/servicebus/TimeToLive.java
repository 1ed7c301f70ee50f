package io.amlcompute.provisioner.local.servicebus;

import java.time.Duration;
import java.time.Instant;

/**
 * Service Bus time to live: the shortest of the message's own TTL and the entity's default, counted from the
 * enqueued time. Saturates at the year 9999 because the default ("unlimited", {@code TimeSpan.MaxValue}) is
 * ~29,000 years.
 */
final class TimeToLive {

    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private TimeToLive() {
    }

    /** The effective TTL; the message's own is null when its sender set none. */
    static Duration effective(Duration messageTimeToLive, Duration entityDefault) {
        if (messageTimeToLive == null) {
            return entityDefault;
        }
        return messageTimeToLive.compareTo(entityDefault) <= 0 ? messageTimeToLive : entityDefault;
    }

    static Instant expiry(Instant enqueuedTime, Duration timeToLive) {
        // Not Duration.between: it first tries nanoseconds, which overflow for ~8,000 years, and catches the
        // ArithmeticException, so every message sent with the default TTL cost an exception.
        Duration untilLatest = Duration.ofSeconds(LATEST.getEpochSecond() - enqueuedTime.getEpochSecond(),
                LATEST.getNano() - enqueuedTime.getNano());
        return untilLatest.compareTo(timeToLive) <= 0 ? LATEST : enqueuedTime.plus(timeToLive);
    }
}
