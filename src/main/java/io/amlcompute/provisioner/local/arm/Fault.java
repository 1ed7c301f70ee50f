package io.amlcompute.provisioner.local.arm;

import java.time.Duration;
import java.util.Objects;

/** What a {@link FaultRule} does to a matching request instead of (or before) answering it normally. */
public sealed interface Fault {

    /**
     * ARM throttling: 429 with {@code Retry-After} (whole seconds, at least 1),
     * {@code x-ms-ratelimit-remaining-subscription-reads: 0} (and {@code -writes: 0} for writes) and the error
     * envelope with code {@code SubscriptionRequestsThrottled}.
     */
    record Throttle(Duration retryAfter) implements Fault {
        public Throttle {
            Objects.requireNonNull(retryAfter, "retryAfter");
            if (retryAfter.isNegative()) {
                throw new IllegalArgumentException("retryAfter must not be negative");
            }
        }
    }

    /** A server error (500 {@code InternalServerError}, 503 {@code ServiceUnavailable}, other 5xx) with the envelope. */
    record ServerError(int status) implements Fault {
        public ServerError {
            if (status < 500 || status > 599) {
                throw new IllegalArgumentException("a server error has a 5xx status, got " + status);
            }
        }
    }

    /**
     * Any ARM error answer: this status with the envelope {@code {"error": {"code", "message"}}}, e.g. a
     * synchronous 400 quota refusal. For 429 and 5xx prefer {@link Throttle} and {@link ServerError}, which add the
     * headers ARM sends with them.
     */
    record ErrorAnswer(int status, String code, String message) implements Fault {
        public ErrorAnswer {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("an error answer has a 4xx or 5xx status, got " + status);
            }
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    /** The connection is closed without any response; the request is not carried out. */
    record DropConnection() implements Fault {
    }

    /**
     * The request is carried out (a PUT stores the compute, a DELETE starts deleting it), then the connection is
     * closed without the response: what a client sees when ARM accepted a write but the answer was lost to a
     * timeout or a reset connection, or when the client died before reading it.
     */
    record LoseResponse() implements Fault {
    }

    /** The request waits this long (wall-clock time, not the emulator clock), then is answered normally. */
    record Delay(Duration delay) implements Fault {
        public Delay {
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("delay must not be negative");
            }
        }
    }
}
