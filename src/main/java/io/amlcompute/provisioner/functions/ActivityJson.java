package io.amlcompute.provisioner.functions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.contract.validation.MessageEnvelope;
import io.amlcompute.provisioner.contract.validation.ParseResult;
import io.amlcompute.provisioner.contract.validation.RequestDefaults;
import io.amlcompute.provisioner.contract.validation.RequestParser;

import java.util.Map;

/**
 * The values activities exchange with the orchestrator, as JSON whose raw text is what each side parses.
 *
 * <ul>
 *   <li>Inputs: the orchestrator schedules a JSON tree written by the project's ObjectMapper; durabletask stores it
 *       as that JSON, and the Durable extension hands the activity's String parameter exactly that text (for Java
 *       it never unwraps it: a pre-serialized string would arrive as a JSON string literal, quotes and escapes
 *       included).</li>
 *   <li>Results: an activity returns a tree of plain maps, lists, strings, numbers and booleans. The Functions Java
 *       worker writes it with its Gson as JSON, which the extension stores as it is, and the orchestrator reads that
 *       JSON back as a tree. Plain values only, because the worker's Gson cannot write {@code java.time} fields
 *       under Java 17.</li>
 * </ul>
 */
final class ActivityJson {

    private static final RequestParser PARSER = new RequestParser(RequestDefaults.standard());
    private static final TypeReference<Map<String, Object>> PLAIN = new TypeReference<>() {
    };

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

    /** An activity's result as plain values, whose JSON (written by Gson or Jackson alike) is the value's JSON. */
    static Map<String, Object> result(Object value) {
        return Json.MAPPER.convertValue(value, PLAIN);
    }

    /** A JSON value for the orchestrator to schedule as an activity's input. */
    static JsonNode input(Object value) {
        return Json.MAPPER.valueToTree(value);
    }

    /** A JSON text as a tree for scheduling. */
    static JsonNode tree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
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

    static <T> T read(JsonNode json, Class<T> type) {
        try {
            return Json.MAPPER.treeToValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
