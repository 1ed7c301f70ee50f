package io.amlcompute.provisioner.undeliverable;

import java.util.Map;
import java.util.Objects;

/**
 * A message in the requests queue's dead-letter queue, as far as this app reads it.
 *
 * @param sequenceNumber        the number Service Bus gave it when it was enqueued (it keeps it when dead-lettered):
 *                              unique in the queue, so the answer's event id derives from it
 * @param body                  what its body is
 * @param applicationProperties its application properties whose values are strings
 */
public record DeadLetter(long sequenceNumber, BodySection body, Map<String, String> applicationProperties) {

    public DeadLetter {
        Objects.requireNonNull(body, "body");
        applicationProperties = Map.copyOf(applicationProperties);
    }

    /** An application property's value; null when absent or blank. */
    public String property(String name) {
        String value = applicationProperties.get(name);
        return value == null || value.isBlank() ? null : value;
    }
}
