package io.amlcompute.provisioner.provisioning;

/**
 * The small taxonomy every adapter translates its failures into, once. The orchestration branches on these,
 * never on message text.
 */
public enum ErrorKind {
    NOT_FOUND(false),
    /** The compute exists in a way the request may not touch (another type, attached vs managed, immutable field). */
    CONFLICT(false),
    /** Another operation on the same compute is running (ARM 409); waiting and trying again resolves it. */
    OPERATION_IN_PROGRESS(true),
    QUOTA_EXCEEDED(false),
    /** ARM refused the request as invalid, e.g. an unknown VM size. */
    INVALID_REQUEST(false),
    UNAUTHORIZED(false),
    FORBIDDEN(false),
    /** ARM answered 429; {@link ProvisioningException#retryAfter()} says how long to wait. */
    THROTTLED(true),
    /** 5xx, timeouts, connection resets. */
    TRANSIENT(true),
    /** A referenced secret does not exist or may not be read. */
    SECRET_UNAVAILABLE(false);

    private final boolean retryable;

    ErrorKind(boolean retryable) {
        this.retryable = retryable;
    }

    /** True when the same call may succeed later; false when retrying cannot help. */
    public boolean retryable() {
        return retryable;
    }
}
