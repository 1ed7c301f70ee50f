package io.amlcompute.provisioner.provisioning;

import io.amlcompute.provisioner.contract.event.ComputeEvent;

/**
 * Publishes terminal events. Implementations must be idempotent per event id (a repeated publish of the same
 * event is harmless) and thread-safe.
 */
public interface EventPublisher {

    /**
     * Publishes {@code event} to the events topic and, when {@code replyTo} is not null, to that reply queue.
     *
     * @throws PublishException when the event could not be published; the caller retries
     */
    void publish(ComputeEvent event, ReplyAddress replyTo);

    /** Publishing failed; {@link #isTransient()} says whether a retry may succeed. */
    final class PublishException extends RuntimeException {
        private final boolean isTransient;

        public PublishException(String message, boolean isTransient, Throwable cause) {
            super(message, cause);
            this.isTransient = isTransient;
        }

        public boolean isTransient() {
            return isTransient;
        }
    }
}
