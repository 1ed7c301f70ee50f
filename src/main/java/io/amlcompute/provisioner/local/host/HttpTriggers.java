package io.amlcompute.provisioner.local.host;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.local.LocalHttpServers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTP triggered functions, served by a JDK {@link HttpServer} on 127.0.0.1 under {@code /<routePrefix>/<route>}
 * as the Functions host serves them: route values bound by {@code @BindingName} (then query values), function-level
 * authorization with the host's key (401 without it), 404 for a path or method no function serves, 500 when the
 * function throws (no details leave the host), 204 when it returns nothing.
 */
final class HttpTriggers implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HttpTriggers.class.getName());
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI baseUri;

    private HttpTriggers(HttpServer server, ExecutorService executor, URI baseUri) {
        this.server = server;
        this.executor = executor;
        this.baseUri = baseUri;
    }

    /** Binds 127.0.0.1:{@code port} (0: ephemeral) and serves the HTTP triggered functions among {@code functions}. */
    static HttpTriggers start(int port, String routePrefix, List<FunctionDefinition> functions,
                              FunctionInvoker invoker, FunctionKeyCheck keys) throws IOException {
        List<FunctionDefinition> http = functions.stream()
                .filter(f -> f.trigger() instanceof TriggerBinding.Http).toList();
        HttpServer server = LocalHttpServers.http(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "functions-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        String prefix = routePrefix.isBlank() ? "/" : "/" + routePrefix.replaceAll("^/+|/+$", "") + "/";
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + prefix);
        server.createContext("/", exchange -> serve(exchange, base, prefix, http, invoker, keys));
        server.setExecutor(executor);
        server.start();
        return new HttpTriggers(server, executor, base);
    }

    /** {@code http://127.0.0.1:<port>/<routePrefix>/}: append a function's route. */
    URI baseUri() {
        return baseUri;
    }

    private static void serve(HttpExchange exchange, URI base, String prefix, List<FunctionDefinition> functions,
                              FunctionInvoker invoker, FunctionKeyCheck keys) {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            HttpMethod method = httpMethod(exchange.getRequestMethod());
            if (!path.startsWith(prefix) || method == null) {
                respond(exchange, 404, Map.of(), null);
                return;
            }
            String belowPrefix = path.substring(prefix.length());
            for (FunctionDefinition function : functions) {
                TriggerBinding.Http trigger = (TriggerBinding.Http) function.trigger();
                Optional<Map<String, String>> routeValues = trigger.route().match(belowPrefix);
                if (routeValues.isPresent() && trigger.accepts(method)) {
                    invoke(exchange, base, method, function, trigger, routeValues.get(), invoker, keys);
                    return;
                }
            }
            respond(exchange, 404, Map.of(), null);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "HTTP exchange ended early", e);
        }
    }

    private static void invoke(HttpExchange exchange, URI base, HttpMethod method, FunctionDefinition function,
                               TriggerBinding.Http trigger, Map<String, String> routeValues, FunctionInvoker invoker,
                               FunctionKeyCheck keys) throws IOException {
        Map<String, String> query = queryParameters(exchange.getRequestURI().getRawQuery());
        Map<String, String> headers = headers(exchange);
        if (!keys.allows(trigger.authLevel(), query.get(FunctionKeyCheck.QUERY_PARAMETER),
                exchange.getRequestHeaders().getFirst(FunctionKeyCheck.HEADER))) {
            respond(exchange, 401, Map.of(), null);
            return;
        }
        byte[] body = readBody(exchange.getRequestBody());
        URI uri = base.resolve(exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
        Object result;
        try {
            result = invoker.invoke(function, new RequestValues(uri, method, headers, query, routeValues, body));
        } catch (RuntimeException e) {
            respond(exchange, 500, Map.of(), null);
            return;
        }
        if (result == null) {
            respond(exchange, 204, Map.of(), null);
        } else if (result instanceof LocalHttpResponse response) {
            respond(exchange, response.getStatusCode(), response.headers(), response.getBody());
        } else if (result instanceof HttpResponseMessage response) {
            String contentType = response.getHeader("Content-Type");
            respond(exchange, response.getStatusCode(),
                    contentType == null ? Map.of() : Map.of("Content-Type", contentType), response.getBody());
        } else {
            respond(exchange, 200, Map.of(), result);
        }
    }

    private static void respond(HttpExchange exchange, int status, Map<String, String> headers, Object body)
            throws IOException {
        byte[] bytes;
        String defaultType;
        if (body == null) {
            bytes = null;
            defaultType = null;
        } else if (body instanceof byte[] raw) {
            bytes = raw;
            defaultType = "application/octet-stream";
        } else if (body instanceof String text) {
            bytes = text.getBytes(StandardCharsets.UTF_8);
            defaultType = "text/plain; charset=utf-8";
        } else {
            bytes = json(body);
            defaultType = "application/json; charset=utf-8";
        }
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        if (defaultType != null && !exchange.getResponseHeaders().containsKey("Content-Type")) {
            exchange.getResponseHeaders().set("Content-Type", defaultType);
        }
        boolean noBody = bytes == null || status == 204 || status == 304
                || "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, noBody ? -1 : bytes.length == 0 ? -1 : bytes.length);
        if (!noBody && bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static byte[] json(Object body) {
        try {
            return Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the response body cannot be written as JSON", e);
        }
    }

    private static HttpMethod httpMethod(String name) {
        try {
            return HttpMethod.value(name);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(", ", values)));
        return headers;
    }

    static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.putIfAbsent(name, value);
        }
        return parameters;
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            throw new IOException("request body over " + MAX_BODY_BYTES + " bytes");
        }
        return body;
    }

    /** Stops serving at once. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** One request's values: the request message (or its body) as payload, route then query values as metadata. */
    private record RequestValues(URI uri, HttpMethod method, Map<String, String> headers, Map<String, String> query,
                                 Map<String, String> routeValues, byte[] body) implements TriggerValues {
        @Override
        public Object payload(Type type) {
            Class<?> raw = BindingConversion.rawType(type);
            if (HttpRequestMessage.class.isAssignableFrom(raw)) {
                Type bodyType = type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : String.class;
                return new LocalHttpRequest<>(uri, method, headers, query, bodyAs(bodyType));
            }
            return bodyAs(type);
        }

        @Override
        public Object metadata(String name, Type type) {
            String value = routeValues.containsKey(name) ? routeValues.get(name) : query.get(name);
            return BindingConversion.convert(value, type);
        }

        private Object bodyAs(Type type) {
            Class<?> raw = BindingConversion.rawType(type);
            String text = new String(body, StandardCharsets.UTF_8);
            if (raw == Optional.class) {
                return body.length == 0 ? Optional.empty() : Optional.of(text);
            }
            if (raw == byte[].class) {
                return body;
            }
            if (raw == String.class || raw == Object.class) {
                return body.length == 0 ? null : text;
            }
            if (body.length == 0) {
                return null;
            }
            try {
                return Json.MAPPER.readValue(body, raw);
            } catch (IOException e) {
                throw new IllegalArgumentException("the request body is not a JSON " + raw.getSimpleName(), e);
            }
        }
    }
}
