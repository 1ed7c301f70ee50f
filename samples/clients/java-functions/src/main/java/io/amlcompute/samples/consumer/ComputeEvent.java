package io.amlcompute.samples.consumer;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;

/**
 * The parts of an AML Compute Provisioner completion event (a CloudEvents 1.0 event in structured JSON, the message
 * body) this consumer reads. Everything comes from the body: the only part of a message that is always there.
 */
final class ComputeEvent {

    static final String READY = "io.amlcompute.compute.ready";

    private final JsonObject event;

    private ComputeEvent(JsonObject event) {
        this.event = event;
    }

    /** @throws IllegalArgumentException when the body is not a JSON object */
    static ComputeEvent parse(String body) {
        try {
            JsonElement tree = JsonParser.parseString(body);
            if (!tree.isJsonObject()) {
                throw new IllegalArgumentException("the message body is not a JSON object");
            }
            return new ComputeEvent(tree.getAsJsonObject());
        } catch (JsonSyntaxException e) {
            throw new IllegalArgumentException("the message body is not JSON: " + e.getMessage(), e);
        }
    }

    /** The CloudEvent id: the same for a repeated delivery of the same event, so it is the key to act once. */
    String id() {
        return text(event, "id");
    }

    String type() {
        return text(event, "type");
    }

    String requestId() {
        return text(data(), "requestId");
    }

    String outcome() {
        return text(data(), "outcome");
    }

    String computeName() {
        return text(object(data(), "compute"), "name");
    }

    String computeType() {
        return text(object(data(), "compute"), "type");
    }

    /** The compute's ARM id: what a pipeline submits its jobs to. */
    String computeResourceId() {
        return text(object(data(), "compute"), "resourceId");
    }

    private JsonObject data() {
        return object(event, "data");
    }

    private static JsonObject object(JsonObject parent, String name) {
        JsonElement value = parent == null ? null : parent.get(name);
        return value != null && value.isJsonObject() ? value.getAsJsonObject() : null;
    }

    private static String text(JsonObject parent, String name) {
        JsonElement value = parent == null ? null : parent.get(name);
        return value != null && value.isJsonPrimitive() ? value.getAsString() : null;
    }
}
