package io.amlcompute.provisioner.contract.validation;

import java.time.Duration;
import java.util.Objects;

/**
 * Values the parser fills in when a request leaves them out, and the size limit it enforces.
 *
 * @param timeout         deadline for requests without {@code options.timeout}
 * @param maxMessageBytes larger bodies are refused before parsing (Service Bus Standard allows 256 KiB for the whole
 *                        message; the default leaves 6,144 bytes of it for the message's properties and framing)
 */
public record RequestDefaults(Duration timeout, int maxMessageBytes) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 256_000;

    public RequestDefaults {
        Objects.requireNonNull(timeout, "timeout");
        if (maxMessageBytes <= 0) {
            throw new IllegalArgumentException("maxMessageBytes must be positive: " + maxMessageBytes);
        }
    }

    public static RequestDefaults standard() {
        return new RequestDefaults(DEFAULT_TIMEOUT, DEFAULT_MAX_MESSAGE_BYTES);
    }
}
