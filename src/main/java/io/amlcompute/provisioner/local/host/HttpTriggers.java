package io.amlcompute.provisioner.local.host;

import com.microsoft.azure.functions.HttpMethod;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.amlcompute.provisioner.local.LocalHttpServers;
import io.amlcompute.provisioner.local.host.worker.InvocationResult;
import io.amlcompute.provisioner.local.host.worker.RpcHttp;
import io.amlcompute.provisioner.local.host.worker.TypedData;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
 * as the Functions host serves them: function-level authorization with the host's key (401 without it, before the
 * function runs), the request handed to the worker as {@link HttpRequestData} builds it, 404 for a path or method no
 * function serves, 500 without details when the function fails, the worker's response written back.
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
                              FunctionRunner runner, FunctionKeyCheck keys) throws IOException {
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
        server.createContext("/", exchange -> serve(exchange, prefix, http, runner, keys));
        server.setExecutor(executor);
        server.start();
        return new HttpTriggers(server, executor, base);
    }

    /** {@code http://127.0.0.1:<port>/<routePrefix>/}: append a function's route. */
    URI baseUri() {
        return baseUri;
    }

    private static void serve(HttpExchange exchange, String prefix, List<FunctionDefinition> functions,
                              FunctionRunner runner, FunctionKeyCheck keys) {
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
                    invoke(exchange, function, trigger, routeValues.get(), runner, keys);
                    return;
                }
            }
            respond(exchange, 404, Map.of(), null);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "HTTP exchange ended early", e);
        }
    }

    private static void invoke(HttpExchange exchange, FunctionDefinition function, TriggerBinding.Http trigger,
                               Map<String, String> routeValues, FunctionRunner runner, FunctionKeyCheck keys)
            throws IOException {
        Map<String, String> query = HttpRequestData.queryParameters(exchange.getRequestURI().getRawQuery());
        if (!keys.allows(trigger.authLevel(), query.get(FunctionKeyCheck.QUERY_PARAMETER),
                exchange.getRequestHeaders().getFirst(FunctionKeyCheck.HEADER))) {
            respond(exchange, 401, Map.of(), null);
            return;
        }
        HttpRequestData request = HttpRequestData.of(exchange, routeValues, readBody(exchange.getRequestBody()));
        InvocationResult result = runner.run(function, request.triggerValue(), request.triggerMetadata());
        if (result instanceof InvocationResult.Failure) {
            respond(exchange, 500, Map.of(), null);
        } else if (((InvocationResult.Success) result).returnValue() instanceof TypedData.Http http) {
            RpcHttp response = http.value();
            respond(exchange, Integer.parseInt(response.statusCode()), response.headers(), response.body());
        } else {
            TypedData value = ((InvocationResult.Success) result).returnValue();
            respond(exchange, value == null ? 204 : 200, Map.of(), value);
        }
    }

    /** Writes a status, headers and a body as the worker returned it (text, bytes or JSON). */
    private static void respond(HttpExchange exchange, int status, Map<String, String> headers, TypedData body)
            throws IOException {
        byte[] bytes = null;
        String defaultType = null;
        if (body instanceof TypedData.Bytes raw) {
            bytes = raw.value();
            defaultType = "application/octet-stream";
        } else if (body instanceof TypedData.Text text) {
            bytes = text.value().getBytes(StandardCharsets.UTF_8);
            defaultType = "text/plain; charset=utf-8";
        } else if (body instanceof TypedData.Json json && !json.value().equals("null")) {
            bytes = json.value().getBytes(StandardCharsets.UTF_8);
            defaultType = "application/json; charset=utf-8";
        } else if (body instanceof TypedData.Int || body instanceof TypedData.Real) {
            bytes = String.valueOf(body instanceof TypedData.Int i ? i.value() : ((TypedData.Real) body).value())
                    .getBytes(StandardCharsets.UTF_8);
            defaultType = "text/plain; charset=utf-8";
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

    private static HttpMethod httpMethod(String name) {
        try {
            return HttpMethod.value(name);
        } catch (RuntimeException e) {
            return null;
        }
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
}
