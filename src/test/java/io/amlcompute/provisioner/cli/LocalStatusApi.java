package io.amlcompute.provisioner.cli;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A status API on loopback that answers every GET with the status and body the test set, as the app's
 * GetComputeRequestStatus does, and records what it served.
 */
final class LocalStatusApi implements AutoCloseable {

    /** One answer: the path asked for, the key sent, and what was served. */
    record Served(String path, String key, int status, String body) {
    }

    private final HttpServer server;
    private final List<Served> served = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String body = "{}";

    LocalStatusApi() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            // Read once, so what is recorded is exactly what went out.
            int answerStatus = status;
            String answerBody = body;
            byte[] bytes = answerBody.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answerStatus, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
            served.add(new Served(exchange.getRequestURI().getRawPath(),
                    exchange.getRequestHeaders().getFirst(StatusClient.KEY_HEADER), answerStatus, answerBody));
        });
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void answer(int status, String body) {
        this.status = status;
        this.body = body;
    }

    List<Served> served() {
        return List.copyOf(served);
    }

    /** A RUNNING answer whose progress is waiting with these states and node counts. */
    static String running(String requestId, String provisioningState, String allocationState, int current,
                          int target, int polls) {
        return """
                {"requestId":"%s","runtimeStatus":"RUNNING","createdAt":"2026-11-29T10:00:00Z",\
                "lastUpdatedAt":"2026-11-29T10:00:40Z","progress":{"phase":"WAITING","provisioningState":"%s",\
                "allocationState":"%s","currentNodeCount":%d,"targetNodeCount":%d,"polls":%d,\
                "nextPollAt":"2026-11-29T10:01:00Z","deadline":"2026-11-29T10:30:00Z"}}"""
                .formatted(requestId, provisioningState, allocationState, current, target, polls);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
