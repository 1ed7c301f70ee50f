package io.amlcompute.provisioner.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** status against a small HTTP server on loopback that answers as the status API does. */
class StatusCommandTest {

    private static final String RUNNING = """
            {"requestId":"req-1","runtimeStatus":"RUNNING","createdAt":"2026-11-29T10:00:00Z",\
            "lastUpdatedAt":"2026-11-29T10:00:40Z","progress":{"phase":"WAITING","provisioningState":"Creating",\
            "allocationState":"Resizing","currentNodeCount":1,"targetNodeCount":2,"polls":3,\
            "nextPollAt":"2999-01-01T00:00:00Z","deadline":"2999-01-01T00:30:00Z"}}""";
    private static final String NOT_FOUND = """
            {"error":{"code":"REQUEST_NOT_FOUND","message":"No request with this id is known."}}""";

    private HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String body = RUNNING;

    record Seen(String method, String path, String query, String key) {
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("x-functions-key")));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void printsTheStatusAsOneLineAndSendsTheKeyInTheHeader() {
        CliRun.Result result = CliRun.run(Map.of(), "status", "req-1", "--url", base(), "--key", "k-123");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.json().get("runtimeStatus").asText()).isEqualTo("RUNNING");
        assertThat(result.json().get("progress").get("polls").asInt()).isEqualTo(3);
        assertThat(seen).containsExactly(new Seen("GET", "/api/compute-requests/req-1", null, "k-123"));
        assertThat(result.err()).contains("req-1 RUNNING, waiting: Creating, Resizing, nodes 1/2, 3 reads");
        assertThat(result.err()).doesNotContain("k-123");
    }

    /** The status API's answer for a request that holds its compute on a lease, as the app writes it. */
    @Test
    void summarisesTheLeaseOfALeasedRequest() {
        body = """
                {"requestId":"req-1","runtimeStatus":"RUNNING","createdAt":"2026-11-29T10:00:00Z",\
                "lastUpdatedAt":"2026-11-29T10:01:00Z","progress":{"phase":"ENDING_LEASE","provisioningState":\
                "Succeeded","allocationState":"Steady","currentNodeCount":0,"targetNodeCount":0,"polls":0,\
                "nextPollAt":"2999-01-01T00:15:00Z","lease":{"leaseId":"req-1","compute":"/subscriptions/s/\
                resourceGroups/g/providers/Microsoft.MachineLearningServices/workspaces/w/computes/c1","duration":\
                "PT4H","onExpiry":"scaleToZero","state":"ENDING","expiresAt":"2026-11-29T10:01:00Z","heldBy":\
                ["req-2"],"note":"Waiting for the other leases on compute c1 to end."},"answered":["rel-1"]}}""";

        CliRun.Result result = CliRun.run(Map.of(), "status", "req-1", "--url", base());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.json().get("progress").get("lease").get("heldBy").get(0).asText()).isEqualTo("req-2");
        assertThat(result.err()).contains("req-1 RUNNING, ending lease: Succeeded, Steady, nodes 0/0, next look in",
                "lease req-1 ending, on expiry scaleToZero, held by req-2 (Waiting for the other leases");
    }

    @Test
    void takesTheKeyFromTheEnvironmentAndABaseUrlEndingInApi() {
        CliRun.Result result = CliRun.run(Map.of(StatusCommand.KEY_VARIABLE, "k-env"), "status", "req-1",
                "--url", base() + "/api/");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(seen).containsExactly(new Seen("GET", "/api/compute-requests/req-1", null, "k-env"));
    }

    @Test
    void anUnknownRequestExitsThreeWithTheApisAnswer() {
        status = 404;
        body = NOT_FOUND;

        CliRun.Result result = CliRun.run(Map.of(), "status", "req-unknown", "--url", base());

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.json().get("error").get("code").asText()).isEqualTo("REQUEST_NOT_FOUND");
        assertThat(result.err()).contains("req-unknown is not known");
    }

    @Test
    void aRefusedKeyExitsFour() {
        status = 401;
        body = "";

        CliRun.Result result = CliRun.run(Map.of(), "status", "req-1", "--url", base(), "--key", "wrong")
                .withoutStackTrace();

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("function key was refused");
    }

    @Test
    void aServerErrorExitsFour() {
        status = 500;
        body = "oops";

        CliRun.Result result = CliRun.run(Map.of(), "status", "req-1", "--url", base()).withoutStackTrace();

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.err()).contains("HTTP 500");
    }

    @Test
    void anUnreachableApiExitsFourWithOneLine() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        CliRun.Result result = CliRun.run(Map.of(), "status", "req-1", "--url", "http://127.0.0.1:" + closedPort)
                .withoutStackTrace();

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.err().lines()).hasSize(1);
        assertThat(result.err()).startsWith("computectl status: cannot reach");
    }

    @Test
    void neverSendsAKeyInClearTextToAnotherHost() {
        CliRun.Result result = CliRun.run(Map.of(), "status", "req-1", "--url", "http://my-app.example.com",
                "--key", "k-123").withoutStackTrace();

        assertThat(result.exitCode()).isEqualTo(64);
        assertThat(result.err()).contains("only over https").doesNotContain("k-123");
    }

    @Test
    void requiresTheUrl() {
        CliRun.Result result = CliRun.run(Map.of(), "status", "req-1").withoutStackTrace();

        assertThat(result.exitCode()).isEqualTo(64);
        assertThat(result.err()).contains("--url");
    }
}
