package io.amlcompute.provisioner.cli;

import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.contract.event.EventType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An event as it arrived (a request's terminal event, a lease's event, an answer to a control request): the
 * CloudEvent JSON, read as a tree so that fields added to the contract later pass through unchanged, and the Service
 * Bus application properties that subscription filters (and {@code watch --filter}) match on. Which events end a
 * wait is {@link AwaitedEvent}'s to say.
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

    /** The type as this CLI knows it; empty for a type a newer app may publish. */
    Optional<EventType> knownType() {
        return Arrays.stream(EventType.values()).filter(t -> t.wireName().equals(type)).findFirst();
    }

    /** Whether the event shows a lease ({@code data.lease}): a leased ready event, lease events, their answers. */
    boolean hasLease() {
        return json.path("data").path("lease").isObject();
    }

    /** {@code data.lease.result} ({@code deleted}, {@code failed}, …) of a {@code lease.expired}; null otherwise. */
    String leaseResult() {
        return text(json.path("data").path("lease").get("result"));
    }

    /** {@code data.lease.expiresAt}; null without a lease. */
    String leaseExpiresAt() {
        return text(json.path("data").path("lease").get("expiresAt"));
    }

    /** The codes of {@code data.errors}, in order (a rejection's reasons). */
    List<String> errorCodes() {
        List<String> codes = new ArrayList<>();
        json.path("data").path("errors").forEach(error -> {
            String code = text(error.get("code"));
            if (code != null) {
                codes.add(code);
            }
        });
        return codes;
    }

    /** One line of JSON, as {@code send --wait}, {@code wait} and {@code watch} print it. */
    String toJsonLine() {
        return json.toString();
    }

    private static String text(JsonNode node) {
        return node == null || !node.isTextual() ? null : node.asText();
    }
}
