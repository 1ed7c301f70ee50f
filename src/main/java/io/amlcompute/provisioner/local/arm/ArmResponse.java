package io.amlcompute.provisioner.local.arm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the emulator answers: a status, extra headers and an optional JSON body. */
record ArmResponse(int status, Map<String, String> headers, JsonNode body) {

    ArmResponse {
        headers = Map.copyOf(headers);
    }

    static ArmResponse json(int status, JsonNode body) {
        return new ArmResponse(status, Map.of(), body);
    }

    static ArmResponse empty(int status) {
        return new ArmResponse(status, Map.of(), null);
    }

    static ArmResponse error(int status, ArmError error) {
        return json(status, error.toEnvelopeJson());
    }

    ArmResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ArmResponse(status, more, body);
    }
}
