package io.amlcompute.provisioner.local.arm;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.contract.Json;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.util.List;

/**
 * Reads a PUT/PATCH body as JSON (the project mapper: duplicate keys and nesting deeper than
 * {@value Json#MAX_NESTING_DEPTH} are refused) and turns contract violations into ARM's 400 answer. Parse errors are
 * reported by position only: a parser's message can quote the offending token, which may be a secret.
 */
final class RequestBodies {

    static final String INVALID_CONTENT = "InvalidRequestContent";

    private RequestBodies() {
    }

    static JsonNode parse(IncomingRequest request) {
        if (!request.hasBody()) {
            throw new ArmRefusal(HttpURLConnection.HTTP_BAD_REQUEST, ArmError.of(INVALID_CONTENT,
                    "The request content is empty: a " + request.method() + " of a compute needs a JSON body."));
        }
        try {
            JsonNode body = Json.MAPPER.readTree(request.body());
            if (body == null || body.isMissingNode()) {
                throw new ArmRefusal(HttpURLConnection.HTTP_BAD_REQUEST, ArmError.of(INVALID_CONTENT,
                        "The request content is empty: a " + request.method() + " of a compute needs a JSON body."));
            }
            return body;
        } catch (JsonProcessingException e) {
            throw new ArmRefusal(HttpURLConnection.HTTP_BAD_REQUEST, ArmError.of(INVALID_CONTENT,
                    "The request content was invalid and could not be deserialized: " + reason(e) + "."));
        } catch (IOException e) {
            throw new ArmRefusal(HttpURLConnection.HTTP_BAD_REQUEST, ArmError.of(INVALID_CONTENT,
                    "The request content could not be read."));
        }
    }

    private static String reason(JsonProcessingException e) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String what;
        if (original.startsWith("Duplicate field")) {
            what = original.split("\n", 2)[0]; // names the field, never a value
        } else if (original.contains("nesting depth")) {
            what = "nested deeper than " + Json.MAX_NESTING_DEPTH + " levels";
        } else {
            what = "not valid JSON";
        }
        JsonLocation at = e.getLocation();
        return at == null ? what : what + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    /** ARM's 400 for a body that breaks the contract: one detail per violation, each naming its JSON path. */
    static ArmResponse invalidContent(List<ContractViolation> violations, String apiVersion) {
        List<ArmError> details = violations.stream().map(ContractViolation::toArmError).toList();
        return ArmResponse.error(HttpURLConnection.HTTP_BAD_REQUEST, new ArmError(INVALID_CONTENT,
                "The request content does not match the compute contract of api-version " + apiVersion + ": "
                        + violations.size() + " problem(s), one per detail.", null, details));
    }
}
