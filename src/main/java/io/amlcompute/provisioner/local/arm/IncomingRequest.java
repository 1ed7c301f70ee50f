package io.amlcompute.provisioner.local.arm;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request as the emulator sees it. Query parameter names are matched case-insensitively, as ARM does.
 *
 * @param path          the decoded path, e.g. {@code /subscriptions/s/resourceGroups/rg/.../computes/cpu}
 * @param rawQuery      the query as sent (for the request log), or null
 * @param clientRequestId      {@code x-ms-client-request-id}, or null
 * @param correlationRequestId {@code x-ms-correlation-request-id}, or null
 * @param authorization        the Authorization header, never shown by {@code toString}
 */
record IncomingRequest(String method, String path, String rawQuery, Map<String, String> query,
                       String clientRequestId, String correlationRequestId, Optional<Secret> authorization,
                       byte[] body) {

    IncomingRequest {
        Map<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseInsensitive.putAll(query);
        query = caseInsensitive;
    }

    static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> parameters = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.putIfAbsent(name, value);
        }
        return parameters;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    Optional<String> queryParameter(String name) {
        return Optional.ofNullable(query.get(name));
    }

    boolean isMethod(String expected) {
        return method.toUpperCase(Locale.ROOT).equals(expected);
    }

    boolean hasBody() {
        return body.length > 0;
    }
}
