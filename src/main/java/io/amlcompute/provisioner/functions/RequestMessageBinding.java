package io.amlcompute.provisioner.functions;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.provisioning.IncomingMessage;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Reads what the Service Bus trigger binds into an {@link IncomingMessage}. Every value arrives as text (the
 * parameters are Strings, which the Java worker can always bind), and none is trusted blindly: the Functions host
 * writes the top-level fields of a JSON body over the message's binding data, so a body with a
 * {@code deliveryCount} field replaces the real one (ADR 0006).
 */
final class RequestMessageBinding {

    private RequestMessageBinding() {
    }

    /**
     * @param applicationProperties the {@code ApplicationProperties} dictionary as JSON
     * @param deliveryCount         {@code DeliveryCount} as text (JSON number)
     * @param sequenceNumber        {@code SequenceNumber} as text (JSON number)
     */
    static IncomingMessage incoming(String body, String applicationProperties, String deliveryCount,
                                    String sequenceNumber) {
        String text = body == null ? "" : body;
        return new IncomingMessage(text, stringProperties(applicationProperties), count(deliveryCount),
                deliveryKey(sequenceNumber, text));
    }

    private static Map<String, String> stringProperties(String json) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (json == null) {
            return properties;
        }
        try {
            JsonNode tree = Json.MAPPER.readTree(json);
            if (tree != null && tree.isObject()) {
                tree.fields().forEachRemaining(field -> {
                    if (field.getValue().isTextual()) {
                        properties.put(field.getKey(), field.getValue().textValue());
                    }
                });
            }
        } catch (Exception e) {
            // Not a dictionary (a body field shadowed it): the message then asks for nothing extra.
        }
        return properties;
    }

    private static int count(String text) {
        try {
            return Math.max(1, Integer.parseInt(text == null ? "" : text.strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /**
     * The sequence number alone would do, but a body can shadow it; with the body's digest two messages can only
     * share a key when they are identical, and then one rejection answers both.
     */
    private static String deliveryKey(String sequenceNumber, String body) {
        return (sequenceNumber == null ? "" : sequenceNumber.strip()) + ":"
                + UUID.nameUUIDFromBytes(body.getBytes(StandardCharsets.UTF_8));
    }
}
