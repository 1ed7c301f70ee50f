package io.amlcompute.provisioner.local.host.worker;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the Java worker turns what a function returned into the {@code return_value} it sends the host. The value's
 * runtime class decides: null becomes json {@code null}; whole numbers int; floating point double; {@code byte[]}
 * bytes; a String string; the worker's own HTTP response (see {@link WorkerHttpResponse}) http; anything else json
 * written by the worker's {@code new Gson()} (nulls left out, HTML characters escaped as {@code \u003c}).
 *
 * <p>Sources, at {@value JavaWorker#SOURCE}: {@code binding/DataTarget.java} (computeFromValue),
 * {@code binding/RpcUnspecifiedDataTarget.java}, {@code binding/RpcHttpDataTarget.java} (toRpcHttpData).
 */
final class WorkerReturnValue {

    private WorkerReturnValue() {
    }

    static TypedData of(Object value) {
        if (value == null) {
            return new TypedData.Json("null");
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return new TypedData.Int(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            return new TypedData.Real(((Number) value).doubleValue());
        }
        if (value instanceof byte[] bytes) {
            return new TypedData.Bytes(bytes);
        }
        if (value instanceof String text) {
            return new TypedData.Text(text);
        }
        if (value instanceof WorkerHttpResponse response) {
            Map<String, String> headers = new LinkedHashMap<>(response.headers());
            return new TypedData.Http(RpcHttp.response(Integer.toString(response.getStatusCode()), headers,
                    response.getBody() == null ? new TypedData.None() : of(response.getBody())));
        }
        // Gson reads the object's fields reflectively: java.time values fail under Java 17, as in the worker.
        return new TypedData.Json(WorkerConversion.GSON.toJson(value));
    }
}
