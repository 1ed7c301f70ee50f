package io.amlcompute.provisioner.cli;

import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.contract.Json;

import java.util.Map;
import java.util.Optional;

/**
 * A completion event as it arrived: the CloudEvent JSON, read as a tree so that fields added to the contract later
 * pass through unchanged, and the Service Bus application properties that subscription filters (and
 * {@code watch --filter}) match on.
 *
 * @param type      the CloudEvents {@code type}, e.g. {@code io.amlcompute.compute.ready}; null if absent
 * @param requestId {@code data.requestId}; null if absent (a rejection of a message without a usable id)
 */
record ReceivedEvent(JsonNode json, String type, String requestId, Map<String, Object> properties) {

    ReceivedEvent {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    /**
     * The event in a message; empty when the body is not a JSON object with a string {@code type}. Anything else on
     * a subscription or reply session (a stray test message, another producer's JSON) is not a CloudEvent and must
     * not be printed, or end a wait, as if it were one.
     */
    static Optional<ReceivedEvent> from(ServiceBusReceivedMessage message) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(message.getBody().toString());
        } catch (JacksonException | RuntimeException e) {
            return Optional.empty();
        }
        if (json == null || !json.isObject() || text(json.get("type")) == null) {
            return Optional.empty();
        }
        Map<String, Object> properties = new java.util.HashMap<>();
        message.getApplicationProperties().forEach((key, value) -> {
            if (key != null && value != null) {
                properties.put(key, value);
            }
        });
        return Optional.of(new ReceivedEvent(json, text(json.get("type")), text(json.path("data").get("requestId")),
                properties));
    }

    /** The exit status this event stands for. */
    ExitStatus exitStatus() {
        return ExitStatus.forEventType(type);
    }

    boolean isFor(String wantedRequestId) {
        return wantedRequestId == null || wantedRequestId.equals(requestId);
    }

    /** One line of JSON, as {@code send --wait}, {@code wait} and {@code watch} print it. */
    String toJsonLine() {
        return json.toString();
    }

    private static String text(JsonNode node) {
        return node == null || !node.isTextual() ? null : node.asText();
    }
}
