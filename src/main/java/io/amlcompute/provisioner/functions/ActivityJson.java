package io.amlcompute.provisioner.functions;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.contract.validation.MessageEnvelope;
import io.amlcompute.provisioner.contract.validation.ParseResult;
import io.amlcompute.provisioner.contract.validation.RequestDefaults;
import io.amlcompute.provisioner.contract.validation.RequestParser;

/** Reading and writing the JSON strings activities exchange with the orchestrator. */
final class ActivityJson {

    private static final RequestParser PARSER = new RequestParser(RequestDefaults.standard());

    private ActivityJson() {
    }

    /** The canonical request the orchestrator passes; it was validated by the trigger, so failure is a bug. */
    static ComputeRequest request(String json) {
        ParseResult result = PARSER.parse(json, MessageEnvelope.NONE);
        if (result instanceof ParseResult.Parsed parsed) {
            return parsed.request();
        }
        throw new IllegalArgumentException("activity input is not a valid request: "
                + ((ParseResult.Unparsed) result).errors());
    }

    static String write(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("activity input is not a " + type.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }
}
