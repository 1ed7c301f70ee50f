package io.amlcompute.provisioner.local.host.worker;

import java.util.Map;
import java.util.Objects;

/**
 * The {@code RpcHttp} message: a request as the host sends it to a Java worker, or the response the worker sends
 * back. For a request, {@code statusCode} is null; for a response, the method, url, query and params are.
 *
 * @param headers    request: names lower-cased by the host; response: as the function set them
 * @param query      query values with non-empty values only (the host drops the others for Java)
 * @param params     route values
 * @param body       {@link TypedData.Text} or {@link TypedData.Bytes}, or {@link TypedData.None} without a body
 * @param statusCode the response's status code as text (the worker sends it as a string)
 */
public record RpcHttp(String method, String url, Map<String, String> headers, Map<String, String> query,
                      Map<String, String> params, TypedData body, String statusCode) {

    public RpcHttp {
        headers = Map.copyOf(headers);
        query = query == null ? Map.of() : Map.copyOf(query);
        params = params == null ? Map.of() : Map.copyOf(params);
        Objects.requireNonNull(body, "body");
    }

    public static RpcHttp request(String method, String url, Map<String, String> headers, Map<String, String> query,
                                  Map<String, String> params, TypedData body) {
        return new RpcHttp(Objects.requireNonNull(method, "method"), Objects.requireNonNull(url, "url"), headers,
                query, params, body, null);
    }

    public static RpcHttp response(String statusCode, Map<String, String> headers, TypedData body) {
        return new RpcHttp(null, null, headers, Map.of(), Map.of(), body, Objects.requireNonNull(statusCode, "statusCode"));
    }
}
