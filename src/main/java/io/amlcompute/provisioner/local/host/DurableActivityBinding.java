package io.amlcompute.provisioner.local.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.StringValue;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ActivityRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ActivityResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskFailureDetails;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.local.host.worker.InvocationResult;
import io.amlcompute.provisioner.local.host.worker.TypedData;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the Durable extension (2.13.x, "middleware passthrough" mode for Java) does around an activity function.
 * Sources: Azure/azure-functions-durable-extension tag v2.13.7 (8a5db71b7a1a67edbc72e55f339b4cc6c090ffcb),
 * {@code src/WebJobs.Extensions.DurableTask/}:
 * <ul>
 *   <li>{@code ContextImplementations/DurableActivityContext.cs} (GetInput, raw input): the activity's string input
 *       is the JSON the orchestrator scheduled, re-serialized compactly and <b>not</b> unwrapped: an input scheduled
 *       as the string {@code abc} arrives as {@code "abc"}, quotes included (since v2.13.0, #2656; durabletask-java
 *       issues #193 and #235).</li>
 *   <li>{@code Bindings/ActivityTriggerAttributeBindingProvider.cs} (BindAsync): binding data {@code instanceId},
 *       the trigger's name (the input text) and {@code data} (the input as JSON); the host adds a JSON object
 *       input's fields ({@link JsonBodyBindingData}).</li>
 *   <li>{@code ContextImplementations/DurableActivityContext.cs} (SetOutput) and the host's {@code ToObject}: a
 *       {@code json} return value is stored as its compact JSON; any other (a {@code string}) is serialized, so a
 *       returned String becomes a JSON string literal; a {@code null} return stores no result.</li>
 *   <li>{@code OutOfProcMiddleware.cs} (CallActivityAsync, GetFailureDetails, TrySplitExceptionTypeFromMessage): a
 *       failed invocation becomes failure details parsed from the host's {@code Result: ...\nException: ...\nStack:}
 *       text: the type is what precedes the first {@code ": "} of the worker's message (for Java, the root cause's
 *       simple class name), the message the rest of its first line, the stack the worker's trace.</li>
 * </ul>
 */
final class DurableActivityBinding {

    private DurableActivityBinding() {
    }

    /** The trigger value: the scheduled input, compact, never unwrapped; None without an input. */
    static TypedData triggerValue(ActivityRequest request) {
        String input = compactInput(request);
        return input == null ? new TypedData.None() : new TypedData.Text(input);
    }

    /** The trigger metadata of one activity invocation. */
    static Map<String, TypedData> triggerMetadata(ActivityRequest request, String triggerName) {
        Map<String, Object> bindingData = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        String input = compactInput(request);
        bindingData.put("instanceId", request.getOrchestrationInstance().getInstanceId());
        bindingData.put(triggerName, input);
        bindingData.put("data", input == null ? null : parse(input));
        JsonBodyBindingData.apply(input, bindingData);
        return HostRpcValues.triggerMetadata(bindingData);
    }

    /** The completion the extension reports for the worker's answer. */
    static ActivityResponse response(ActivityRequest request, InvocationResult result) {
        ActivityResponse.Builder response = ActivityResponse.newBuilder()
                .setInstanceId(request.getOrchestrationInstance().getInstanceId())
                .setTaskId(request.getTaskId());
        if (result instanceof InvocationResult.Failure failure) {
            return response.setFailureDetails(failureDetails(failure)).build();
        }
        String output = serializedOutput(((InvocationResult.Success) result).returnValue());
        if (output != null) {
            response.setResult(StringValue.of(output));
        }
        return response.build();
    }

    /** SetOutput after the host's ToObject: json stays JSON, a string is written as a JSON string literal. */
    static String serializedOutput(TypedData returned) {
        if (returned == null || returned instanceof TypedData.None) {
            return null;
        }
        if (returned instanceof TypedData.Json json) {
            JsonNode node = parse(json.value());
            return node.isNull() ? null : node.toString();
        }
        if (returned instanceof TypedData.Text text) {
            return Json.MAPPER.getNodeFactory().textNode(text.value()).toString();
        }
        if (returned instanceof TypedData.Int integer) {
            return Long.toString(integer.value());
        }
        if (returned instanceof TypedData.Real real) {
            return Json.MAPPER.getNodeFactory().numberNode(real.value()).toString();
        }
        throw new IllegalStateException("the local host does not model an activity returning " + returned);
    }

    private static TaskFailureDetails failureDetails(InvocationResult.Failure failure) {
        String exception = failure.message();
        int separator = exception.indexOf(": ");
        String type;
        String message;
        if (separator < 0) {
            type = "(unknown)";
            message = exception;
        } else {
            type = exception.substring(0, separator).stripTrailing();
            int lineEnd = exception.indexOf('\n', separator + 2);
            message = (lineEnd < 0 ? exception.substring(separator + 2) : exception.substring(separator + 2, lineEnd))
                    .stripTrailing();
        }
        return TaskFailureDetails.newBuilder().setErrorType(type).setErrorMessage(message)
                .setStackTrace(StringValue.of(failure.stackTrace())).build();
    }

    private static String compactInput(ActivityRequest request) {
        if (!request.hasInput()) {
            return null;
        }
        return parse(request.getInput().getValue()).toString();
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("an activity input or output is not JSON: " + e.getMessage(), e);
        }
    }
}
