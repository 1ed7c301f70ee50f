package io.amlcompute.provisioner.local.host;

import io.amlcompute.provisioner.local.host.worker.RpcHttp;
import io.amlcompute.provisioner.local.host.worker.TypedData;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP request as the Functions host hands it to a Java worker. Sources:
 * <ul>
 *   <li>Azure/azure-functions-host@89dc438d476542786f2fc4070f553423213a6223
 *       {@code src/WebJobs.Script.Grpc/MessageExtensions/GrpcMessageConversionExtensions.cs} (ToRpcHttp,
 *       PopulateBody), for a worker with {@code RpcHttpBodyOnly} and without {@code UseNullableValueDictionaryForHttp}
 *       (the Java worker's capabilities, {@code handler/WorkerInitRequestHandler.java} of the worker): header names
 *       lower-cased, repeated values joined with commas; query values with an empty value dropped; route values as
 *       params; a body only when Content-Length is above 0: bytes for octet-stream or multipart, else text (even
 *       for JSON).</li>
 *   <li>Azure/azure-webjobs-sdk-extensions@2e7550f72362ee727b3e55703904212f0690c431
 *       {@code src/WebJobs.Extensions.Http/HttpTriggerAttributeBindingProvider.cs} (GetRequestBindingData): the trigger
 *       metadata: a JSON object body's fields, then each query value but {@code code} (overwriting), then the route
 *       values (overwriting), then {@code Query} and {@code Headers} (original header case) as dictionaries; the
 *       request itself ({@code $request}) is left out for Java ({@code RpcHttpTriggerMetadataRemoved}).</li>
 * </ul>
 */
record HttpRequestData(RpcHttp request, Map<String, TypedData> triggerMetadata) {

    static HttpRequestData of(LoopbackHttpServer.Request received, RequestTarget target,
                              Map<String, String> routeValues) {
        // $"{scheme}://{request.Host}{request.Path}{request.QueryString}" (ToRpcHttp): the path escaped again
        // (RequestTarget.pathForUrl), the query as sent but for '#' (QueryString.ToUriComponent,
        // dotnet/aspnetcore@b43929d8f76bcf794aaa7c66ac0fe21dc679f0a4 src/Http/Http.Abstractions/src/QueryString.cs).
        // A malformed escape in the query stays, so the worker's getUri() (URI.create) throws, as in Azure.
        String url = "http://" + hostOf(received) + target.pathForUrl()
                + (target.query() == null ? "" : "?" + target.query().replace("#", "%23"));
        Map<String, List<String>> byName = headerValues(received);
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, String> originalHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.forEach((name, values) -> {
            headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values));
            originalHeaders.put(name, String.join(",", values));
        });
        Map<String, List<String>> query = queryValues(target.query());
        Map<String, String> rpcQuery = new LinkedHashMap<>();
        query.forEach((name, values) -> {
            String joined = String.join(",", values);
            if (!joined.isEmpty()) {
                rpcQuery.put(name, joined);
            }
        });
        byte[] body = received.body();
        boolean hasBody = contentLength(byName) > 0 && body.length > 0;
        TypedData bodyData = !hasBody ? new TypedData.None()
                : isOctetOrMultipart(first(byName, "Content-Type"))
                ? new TypedData.Bytes(body) : new TypedData.Text(new String(body, StandardCharsets.UTF_8));
        RpcHttp request = RpcHttp.request(received.method(), url, headers, rpcQuery, routeValues, bodyData);

        Map<String, Object> bindingData = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (hasBody) {
            JsonBodyBindingData.apply(new String(body, StandardCharsets.UTF_8), bindingData);
        }
        Map<String, String> lastValues = new LinkedHashMap<>();
        query.forEach((name, values) -> lastValues.put(name, values.get(values.size() - 1)));
        lastValues.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("code")) {
                bindingData.put(name, value);
            }
        });
        bindingData.putAll(routeValues);
        bindingData.putIfAbsent("Query", lastValues);
        bindingData.putIfAbsent("Headers", originalHeaders);
        return new HttpRequestData(request, HostRpcValues.triggerMetadata(bindingData));
    }

    TypedData triggerValue() {
        return new TypedData.Http(request);
    }

    /** Query parameters by name, first value of each (what the function key check reads). */
    static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> first = new LinkedHashMap<>();
        queryValues(rawQuery).forEach((name, values) -> first.put(name, values.get(0)));
        return first;
    }

    /** The first value of a header, its name in any case; null when absent. */
    static String firstHeader(LoopbackHttpServer.Request received, String name) {
        return first(headerValues(received), name);
    }

    /** Header values by name (case-insensitive, spelled as first sent), in the order sent. */
    static Map<String, List<String>> headerValues(LoopbackHttpServer.Request received) {
        Map<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Map<String, List<String>> ordered = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : received.headers()) {
            List<String> values = byName.computeIfAbsent(header.getKey(), name -> {
                List<String> list = new ArrayList<>();
                ordered.put(name, list);
                return list;
            });
            values.add(header.getValue());
        }
        return ordered;
    }

    private static String first(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }

    /**
     * Query values by decoded name, in order ({@code QueryStringEnumerable}: pairs split on {@code &}, then
     * {@code =}, leading white space of a name skipped, name and value decoded by {@link PercentDecoding}).
     */
    private static Map<String, List<String>> queryValues(String rawQuery) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return values;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            // A name before '=' loses its leading white space; a name without '=' is kept whole.
            String name = PercentDecoding.queryComponent(equals < 0 ? pair : pair.substring(0, equals).stripLeading());
            String value = equals < 0 ? "" : PercentDecoding.queryComponent(pair.substring(equals + 1));
            values.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return values;
    }

    private static long contentLength(Map<String, List<String>> headers) {
        String length = first(headers, "Content-Length");
        try {
            return length == null ? -1 : Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean isOctetOrMultipart(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("application/octet-stream") || type.contains("multipart");
    }

    private static String hostOf(LoopbackHttpServer.Request received) {
        String host = firstHeader(received, "Host");
        return host != null ? host : "127.0.0.1:" + received.localPort();
    }
}
