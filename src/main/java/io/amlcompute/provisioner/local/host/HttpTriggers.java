package io.amlcompute.provisioner.local.host;

import com.microsoft.azure.functions.HttpMethod;
import io.amlcompute.provisioner.local.host.worker.InvocationResult;
import io.amlcompute.provisioner.local.host.worker.RpcHttp;
import io.amlcompute.provisioner.local.host.worker.TypedData;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP triggered functions, served on 127.0.0.1 under {@code /<routePrefix>/<route>} as the Functions host serves
 * them, in its order:
 * <ol>
 *   <li>Kestrel reads the request: a target it cannot take (not ASCII, an escaped NUL) or an HTTP/1.1 request without
 *       exactly one Host header is answered 400 before anything else ({@link RequestTarget}; Host:
 *       {@code Http1Connection.EnsureHostHeaderExists}, dotnet/aspnetcore@01376ec23e7ecac2a5c2be0c433f4e1f3442d8a6).
 *       A malformed percent-escape is not an error: it stays in the path as sent.</li>
 *   <li>Routing matches the decoded path ({@link RouteTemplate#match}); no function: 404, key or not.</li>
 *   <li>Function-level authorization with the host's key: 401 without it, before the function runs
 *       ({@code FunctionInvocationMiddleware.GetResultAsync}: route data, then {@code AuthenticateAndAuthorizeAsync},
 *       then the function; Azure/azure-functions-host@89dc438d476542786f2fc4070f553423213a6223
 *       {@code src/WebJobs.Script.WebHost/Middleware/FunctionInvocationMiddleware.cs}).</li>
 *   <li>The function runs with the request as {@link HttpRequestData} builds it; a failure answers 500 without
 *       details, otherwise the worker's response is written back.</li>
 * </ol>
 */
final class HttpTriggers implements AutoCloseable {

    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final LoopbackHttpServer server;
    private final ExecutorService executor;
    private final URI baseUri;

    private HttpTriggers(LoopbackHttpServer server, ExecutorService executor, URI baseUri) {
        this.server = server;
        this.executor = executor;
        this.baseUri = baseUri;
    }

    /** Binds 127.0.0.1:{@code port} (0: ephemeral) and serves the HTTP triggered functions among {@code functions}. */
    static HttpTriggers start(int port, String routePrefix, List<FunctionDefinition> functions,
                              FunctionRunner runner, FunctionKeyCheck keys) throws IOException {
        List<FunctionDefinition> http = functions.stream()
                .filter(f -> f.trigger() instanceof TriggerBinding.Http).toList();
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "functions-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        String prefix = routePrefix.replaceAll("^/+|/+$", "");
        LoopbackHttpServer server = LoopbackHttpServer.start(port, MAX_BODY_BYTES, executor,
                request -> serve(request, prefix, http, runner, keys));
        URI base = URI.create("http://127.0.0.1:" + server.port() + (prefix.isEmpty() ? "/" : "/" + prefix + "/"));
        return new HttpTriggers(server, executor, base);
    }

    /** {@code http://127.0.0.1:<port>/<routePrefix>/}: append a function's route. */
    URI baseUri() {
        return baseUri;
    }

    private static LoopbackHttpServer.Response serve(LoopbackHttpServer.Request request, String prefix,
                                                     List<FunctionDefinition> functions, FunctionRunner runner,
                                                     FunctionKeyCheck keys) {
        Optional<RequestTarget> target = RequestTarget.parse(request.target());
        if (target.isEmpty() || (request.http11() && hostHeaders(request) != 1)) {
            return LoopbackHttpServer.Response.empty(400);
        }
        HttpMethod method = httpMethod(request.method());
        Optional<String> belowPrefix = belowPrefix(target.get().path(), prefix);
        if (method == null || belowPrefix.isEmpty()) {
            return LoopbackHttpServer.Response.empty(404);
        }
        for (FunctionDefinition function : functions) {
            TriggerBinding.Http trigger = (TriggerBinding.Http) function.trigger();
            Optional<Map<String, String>> routeValues = trigger.route().match(belowPrefix.get());
            if (routeValues.isPresent() && trigger.accepts(method)) {
                return invoke(request, target.get(), function, trigger, routeValues.get(), runner, keys);
            }
        }
        return LoopbackHttpServer.Response.empty(404);
    }

    private static LoopbackHttpServer.Response invoke(LoopbackHttpServer.Request request, RequestTarget target,
                                                      FunctionDefinition function, TriggerBinding.Http trigger,
                                                      Map<String, String> routeValues, FunctionRunner runner,
                                                      FunctionKeyCheck keys) {
        Map<String, String> query = HttpRequestData.queryParameters(target.query());
        if (!keys.allows(trigger.authLevel(), query.get(FunctionKeyCheck.QUERY_PARAMETER),
                HttpRequestData.firstHeader(request, FunctionKeyCheck.HEADER))) {
            return LoopbackHttpServer.Response.empty(401);
        }
        HttpRequestData data = HttpRequestData.of(request, target, routeValues);
        InvocationResult result = runner.run(function, data.triggerValue(), data.triggerMetadata());
        boolean head = "HEAD".equalsIgnoreCase(request.method());
        if (result instanceof InvocationResult.Failure) {
            return LoopbackHttpServer.Response.empty(500);
        } else if (((InvocationResult.Success) result).returnValue() instanceof TypedData.Http http) {
            RpcHttp response = http.value();
            return response(Integer.parseInt(response.statusCode()), response.headers(), response.body(), head);
        } else {
            TypedData value = ((InvocationResult.Success) result).returnValue();
            return response(value == null ? 204 : 200, Map.of(), value, head);
        }
    }

    /** The path below {@code /<prefix>/}: the prefix is a literal of every route template, compared ignoring case. */
    private static Optional<String> belowPrefix(String path, String prefix) {
        if (prefix.isEmpty()) {
            return Optional.of(path.substring(1));
        }
        String start = "/" + prefix;
        if (!path.regionMatches(true, 0, start, 0, start.length())) {
            return Optional.empty();
        }
        if (path.length() == start.length()) {
            return Optional.of("");
        }
        return path.charAt(start.length()) == '/' ? Optional.of(path.substring(start.length() + 1)) : Optional.empty();
    }

    private static long hostHeaders(LoopbackHttpServer.Request request) {
        return request.headers().stream().filter(h -> h.getKey().equalsIgnoreCase("Host")).count();
    }

    /** A status, headers and a body as the worker returned it (text, bytes or JSON), with a default Content-Type. */
    private static LoopbackHttpServer.Response response(int status, Map<String, String> headers, TypedData body,
                                                        boolean head) {
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
        Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        out.putAll(headers);
        if (defaultType != null) {
            out.putIfAbsent("Content-Type", defaultType);
        }
        boolean noBody = bytes == null || status == 204 || status == 304 || head;
        return new LoopbackHttpServer.Response(status, out, noBody ? null : bytes);
    }

    private static HttpMethod httpMethod(String name) {
        try {
            return HttpMethod.value(name);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Stops serving at once. */
    @Override
    public void close() {
        server.close();
        executor.shutdownNow();
    }
}
