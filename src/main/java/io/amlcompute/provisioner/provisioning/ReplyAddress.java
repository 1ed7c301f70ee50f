package io.amlcompute.provisioner.provisioning;

import java.util.Objects;

/**
 * Where a requester wants its completion event besides the topic: a session-enabled queue, and the session
 * to put it in (Service Bus ReplyTo and ReplyToSessionId).
 */
public record ReplyAddress(String queue, String sessionId) {

    public ReplyAddress {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(sessionId, "sessionId");
    }
}
