package io.amlcompute.provisioner.local.host.worker;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What the host sends a Java worker to run a function once: the {@code InvocationRequest} of FunctionRpc.proto.
 *
 * @param inputData       the trigger (first) and the other input bindings, by binding name
 * @param triggerMetadata the trigger's binding data; a key whose value was null is absent, never null
 */
public record Invocation(String functionName, String invocationId, Map<String, TypedData> inputData,
                         Map<String, TypedData> triggerMetadata) {

    public Invocation {
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(invocationId, "invocationId");
        inputData = unmodifiableCopy(inputData, "inputData");
        triggerMetadata = unmodifiableCopy(triggerMetadata, "triggerMetadata");
    }

    /** A new invocation with a fresh id, as the host makes one per execution. */
    public static Invocation of(String functionName, Map<String, TypedData> inputData,
                                Map<String, TypedData> triggerMetadata) {
        return new Invocation(functionName, UUID.randomUUID().toString(), inputData, triggerMetadata);
    }

    private static Map<String, TypedData> unmodifiableCopy(Map<String, TypedData> values, String what) {
        Map<String, TypedData> copy = new LinkedHashMap<>();
        values.forEach((name, value) -> copy.put(Objects.requireNonNull(name, what + " name"),
                Objects.requireNonNull(value, what + " value of " + name)));
        return java.util.Collections.unmodifiableMap(copy);
    }
}
