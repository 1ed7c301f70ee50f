package io.amlcompute.provisioner.provisioning;

import java.util.Map;
import java.util.Objects;

/**
 * A request message as the Functions host delivers it to a Java function: the body, and only what every message
 * carries besides it (ADR 0006).
 *
 * @param applicationProperties the message's application properties whose values are strings (others are of no
 *                              use to the app); empty when it has none
 * @param deliveryCount         how often Service Bus has delivered it, 1 the first time
 * @param deliveryKey           stable for one message across its deliveries and different between messages (its
 *                              sequence number and body), for the id of a rejection event
 */
public record IncomingMessage(String body, Map<String, String> applicationProperties, int deliveryCount,
                              String deliveryKey) {

    public IncomingMessage {
        Objects.requireNonNull(body, "body");
        applicationProperties = Map.copyOf(applicationProperties);
        Objects.requireNonNull(deliveryKey, "deliveryKey");
    }

    /** An application property's value; null when absent or blank. */
    public String property(String name) {
        String value = applicationProperties.get(name);
        return value == null || value.isBlank() ? null : value;
    }
}
