package io.amlcompute.provisioner.secrets;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny HTTPS server on 127.0.0.1 that speaks the part of the Key Vault data-plane API the resolver uses:
 * {@code GET /secrets/{name}[/{version}]?api-version=...}, behind Key Vault's bearer challenge (an unauthenticated
 * request gets 401 with {@code WWW-Authenticate: Bearer authorization=..., resource=...}). Secrets can be made
 * forbidden (403), throttled (429 with Retry-After) or failing (503) to drive every error class.
 */
final class LocalKeyVault implements AutoCloseable {

    static final String TOKEN = "kv-test-token";

    private final HttpsServer server;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<String, Integer> forbidden = new ConcurrentHashMap<>();
    private final Map<String, Integer> throttledSeconds = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private LocalKeyVault(HttpsServer server) {
        this.server = server;
    }

    static LocalKeyVault start() {
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(SelfSignedTls.get().serverContext()));
            LocalKeyVault vault = new LocalKeyVault(server);
            server.createContext("/", vault::handle);
            server.start();
            return vault;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    LocalKeyVault secret(String name, String value) {
        secrets.put(name, value);
        return this;
    }

    LocalKeyVault forbidden(String name) {
        forbidden.put(name, 403);
        return this;
    }

    LocalKeyVault throttled(String name, int retryAfterSeconds) {
        throttledSeconds.put(name, retryAfterSeconds);
        return this;
    }

    LocalKeyVault failing(String name, int times) {
        failuresLeft.put(name, new AtomicInteger(times));
        return this;
    }

    /** "METHOD path auth|anonymous", in arrival order. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            requests.add(exchange.getRequestMethod() + " " + path + " " + (auth == null ? "anonymous" : "auth"));
            if (auth == null) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer authorization=\"https://login."
                        + "microsoftonline.com/00000000-0000-0000-0000-000000000001\", "
                        + "resource=\"https://vault.azure.net\"");
                send(exchange, 401, error("Unauthorized", "AKV10000: Request is missing a Bearer or PoP token."));
                return;
            }
            if (!auth.equals("Bearer " + TOKEN)) {
                send(exchange, 401, error("Unauthorized", "AKV10032: Invalid issuer."));
                return;
            }
            String[] segments = path.split("/");
            boolean getSecret = exchange.getRequestMethod().equals("GET") && segments.length >= 3
                    && segments[1].equals("secrets");
            if (!getSecret) {
                send(exchange, 400, error("BadParameter", "Only GET /secrets/{name} is served here."));
                return;
            }
            String name = segments[2];
            String version = segments.length > 3 ? segments[3] : "0123456789abcdef0123456789abcdef";
            if (forbidden.containsKey(name)) {
                send(exchange, 403, error("Forbidden", "The user does not have secrets get permission."));
            } else if (throttledSeconds.containsKey(name)) {
                exchange.getResponseHeaders().add("Retry-After", String.valueOf(throttledSeconds.get(name)));
                send(exchange, 429, error("Throttled", "Request was not processed because too many requests."));
            } else if (failuresLeft.containsKey(name) && failuresLeft.get(name).getAndDecrement() > 0) {
                send(exchange, 503, error("ServiceUnavailable", "Try again."));
            } else if (!secrets.containsKey(name)) {
                send(exchange, 404, error("SecretNotFound", "A secret with (name/id) " + name
                        + " was not found in this key vault."));
            } else {
                send(exchange, 200, "{\"value\":\"" + secrets.get(name) + "\",\"id\":\"" + url() + "/secrets/" + name
                        + "/" + version + "\",\"attributes\":{\"enabled\":true,\"created\":1748764800,"
                        + "\"updated\":1748764800,\"recoveryLevel\":\"Recoverable+Purgeable\"}}");
            }
        }
    }

    private static String error(String code, String message) {
        return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}";
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
