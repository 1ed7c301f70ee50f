package io.amlcompute.provisioner.functions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.durabletask.OrchestrationMetadata;
import com.microsoft.durabletask.OrchestrationRuntimeStatus;
import io.amlcompute.provisioner.contract.Json;

/**
 * The status API's answer for one request: its runtime status, its progress while it runs, and the completion
 * event once it is done.
 */
final class RequestStatusView {

    private RequestStatusView() {
    }

    static ObjectNode of(String requestId, OrchestrationMetadata metadata) {
        ObjectNode view = Json.MAPPER.createObjectNode();
        view.put("requestId", requestId);
        view.put("runtimeStatus", metadata.getRuntimeStatus().name());
        view.put("createdAt", String.valueOf(metadata.getCreatedAt()));
        view.put("lastUpdatedAt", String.valueOf(metadata.getLastUpdatedAt()));
        JsonNode progress = metadata.isCustomStatusFetched() ? metadata.readCustomStatusAs(JsonNode.class) : null;
        if (progress != null && !progress.isNull()) {
            view.set("progress", progress);
        }
        JsonNode output = metadata.isCompleted() ? tree(metadata.getSerializedOutput()) : null;
        if (output != null && output.isObject() && metadata.getRuntimeStatus() == OrchestrationRuntimeStatus.COMPLETED) {
            view.set("event", output); // the orchestrator's output is the event's JSON object
        }
        // In 1.4.0 the failure details are never null; only a failed run has any content in them.
        if (metadata.getFailureDetails() != null && metadata.getFailureDetails().getErrorType() != null
                && !metadata.getFailureDetails().getErrorType().isEmpty()) {
            ObjectNode failure = view.putObject("failure");
            failure.put("type", metadata.getFailureDetails().getErrorType());
            failure.put("message", metadata.getFailureDetails().getErrorMessage());
        } else if (output != null && output.isObject() && metadata.getRuntimeStatus() == OrchestrationRuntimeStatus.FAILED
                && output.hasNonNull("message")) {
            // The Durable extension fails a turn whose invocation failed with {message, details} and no details.
            view.putObject("failure").put("type", "FunctionInvocationFailed").put("message", output.get("message").asText());
        }
        return view;
    }

    private static JsonNode tree(String json) {
        if (json == null || json.isEmpty()) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return Json.MAPPER.getNodeFactory().textNode(json);
        }
    }
}
