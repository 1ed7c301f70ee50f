package io.amlcompute.provisioner.provisioning;

import io.amlcompute.provisioner.contract.event.ComputeEvent;

/**
 * Publishes terminal events. Implementations must be idempotent per event id (a repeated publish of the same
 * event is harmless) and thread-safe.
 */
public interface EventPublisher {

    /**
     * Publishes {@code event} to the events topic.
     *
     * @throws PublishException when the event could not be published; the caller retries
     */
    void publishToTopic(ComputeEvent event);

    /**
     * Sends {@code event} to a reply queue's session.
     *
     * @throws PublishException when the event could not be sent; the caller retries
     */
    void reply(ComputeEvent event, ReplyAddress replyTo);

    /** Publishes to the topic, then, when {@code replyTo} is not null, replies: one step, retried as a whole. */
    default void publish(ComputeEvent event, ReplyAddress replyTo) {
        publishToTopic(event);
        if (replyTo != null) {
            reply(event, replyTo);
        }
    }

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
