package io.amlcompute.provisioner.local.host;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlcompute.provisioner.local.host.worker.TypedData;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the Functions host turns a trigger's binding data and input values into what it sends the Java worker
 * (Azure/azure-functions-host@89dc438d476542786f2fc4070f553423213a6223, host 4.1037):
 * <ul>
 *   <li>{@code src/WebJobs.Script.Grpc/Extensions/ScriptInvocationContextExtensions.cs} (ShouldSkipBindingData):
 *       a binding data entry whose value is null is <b>left out</b> of the trigger metadata, so a Service Bus
 *       message without a CorrelationId has no {@code CorrelationId} key at all; the {@code sys} entry too.</li>
 *   <li>{@code src/WebJobs.Script.Grpc/MessageExtensions/GrpcMessageConversionExtensions.cs} (ToRpc, ToRpcDefault):
 *       a string is {@code string}, always (no JSON sniffing); {@code byte[]} bytes; a double double; a JSON object
 *       json; everything else (ints, longs, booleans, dates, dictionaries) json written by Newtonsoft. So
 *       {@code DeliveryCount} arrives as json {@code 1}, never as an int.</li>
 * </ul>
 */
final class HostRpcValues {

    private HostRpcValues() {
    }

    /** The trigger metadata the host sends for this binding data. */
    static Map<String, TypedData> triggerMetadata(Map<String, Object> bindingData) {
        Map<String, TypedData> metadata = new LinkedHashMap<>();
        bindingData.forEach((key, value) -> {
            if (value != null && !key.equalsIgnoreCase("sys")) {
                metadata.put(key, toRpc(value));
            }
        });
        return metadata;
    }

    /** One value as the host sends it (an input's null is an empty TypedData, which the worker binds as null). */
    static TypedData toRpc(Object value) {
        if (value == null) {
            return new TypedData.None();
        }
        if (value instanceof String text) {
            return new TypedData.Text(text);
        }
        if (value instanceof byte[] bytes) {
            return new TypedData.Bytes(bytes);
        }
        if (value instanceof Double real) {
            return new TypedData.Real(real);
        }
        if (value instanceof ObjectNode object) {
            return new TypedData.Json(object.toString());
        }
        return new TypedData.Json(NewtonsoftJson.write(value));
    }
}
