package io.amlcompute.provisioner.provisioning;

/**
 * A request message as Service Bus delivered it. Everything but the body may be null.
 *
 * @param deliveryCount how often Service Bus has delivered it, 1 the first time
 */
public record IncomingMessage(String body, String messageId, String correlationId, String replyTo,
                              String replyToSessionId, int deliveryCount) {
}
