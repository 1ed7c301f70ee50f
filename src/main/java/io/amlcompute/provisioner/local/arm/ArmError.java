package io.amlcompute.provisioner.local.arm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlcompute.provisioner.contract.Json;
import java.util.List;

/**
 * ARM's {@code ErrorDetail} (common-types v3): a stable code, a sentence a person can act on, the target it is
 * about (a JSON path or parameter name, or null) and nested details.
 */
record ArmError(String code, String message, String target, List<ArmError> details) {

    ArmError {
        details = details == null ? List.of() : List.copyOf(details);
    }

    static ArmError of(String code, String message) {
        return new ArmError(code, message, null, List.of());
    }

    static ArmError of(String code, String message, String target) {
        return new ArmError(code, message, target, List.of());
    }

    /** The {@code ErrorDetail} object; target and details are always present, as the brief's clients expect. */
    ObjectNode toDetailJson() {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("code", code);
        node.put("message", message);
        if (target == null) {
            node.putNull("target");
        } else {
            node.put("target", target);
        }
        ArrayNode nested = node.putArray("details");
        details.forEach(d -> nested.add(d.toDetailJson()));
        return node;
    }

    /** The {@code ErrorResponse} envelope {@code {"error": ErrorDetail}}. */
    ObjectNode toEnvelopeJson() {
        ObjectNode envelope = Json.MAPPER.createObjectNode();
        envelope.set("error", toDetailJson());
        return envelope;
    }
}
