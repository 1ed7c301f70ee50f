package io.amlcompute.provisioner.local.servicebus;

import java.time.Duration;
import java.util.regex.Pattern;

/** The checks Service Bus applies to entity names and settings, shared by the entity definitions. */
final class EntityRules {

    /** Service Bus's default time to live is {@code TimeSpan.MaxValue}: in practice, never. */
    static final Duration UNLIMITED_TIME_TO_LIVE = Duration.ofDays(10_675_199);
    static final Duration DEFAULT_LOCK_DURATION = Duration.ofMinutes(1);
    static final Duration MAX_LOCK_DURATION = Duration.ofMinutes(5);
    static final int DEFAULT_MAX_DELIVERY_COUNT = 10;
    static final Duration DEFAULT_DUPLICATE_DETECTION_WINDOW = Duration.ofMinutes(10);

    // Slashes are legal in real queue names but would make "<topic>/subscriptions/<sub>" ambiguous here.
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,259}");

    private EntityRules() {
    }

    static String requireName(String kind, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(kind + " name must be 1-260 letters, digits, '.', '-' or '_' "
                    + "starting with a letter or digit, was: " + name);
        }
        return name;
    }

    static Duration requirePositive(String what, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be a positive duration, was: " + value);
        }
        return value;
    }

    static Duration requireLockDuration(Duration value) {
        requirePositive("lockDuration", value);
        if (value.compareTo(MAX_LOCK_DURATION) > 0) {
            throw new IllegalArgumentException("lockDuration must be at most PT5M, was: " + value);
        }
        return value;
    }

    static int requireMaxDeliveryCount(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("maxDeliveryCount must be at least 1, was: " + value);
        }
        return value;
    }
}
