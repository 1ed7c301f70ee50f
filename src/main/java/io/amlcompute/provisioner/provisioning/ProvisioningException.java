package io.amlcompute.provisioner.provisioning;

import java.time.Duration;
import java.util.Objects;

/**
 * A failure of a port (ARM, Key Vault), already translated into the taxonomy. Messages never contain secret
 * values; adapters make sure of that when they build them.
 *
 * @see ErrorKind
 */
public final class ProvisioningException extends RuntimeException {

    private final ErrorKind kind;
    private final String code;
    private final Duration retryAfter;

    /**
     * @param code       the service's own error code (e.g. ARM's {@code error.code}), for events and logs
     * @param retryAfter how long the service asked us to wait; null when it did not say
     */
    public ProvisioningException(ErrorKind kind, String code, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.code = code == null ? kind.name() : code;
        this.retryAfter = retryAfter;
    }

    public ProvisioningException(ErrorKind kind, String code, String message) {
        this(kind, code, message, null, null);
    }

    public ErrorKind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    /** Null when the service gave no Retry-After. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
