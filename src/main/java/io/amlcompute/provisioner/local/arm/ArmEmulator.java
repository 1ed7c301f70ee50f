package io.amlcompute.provisioner.local.arm;

import com.sun.net.httpserver.HttpServer;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * A local stand-in for management.azure.com serving the Azure ML computes API
 * ({@code /subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.MachineLearningServices/workspaces/{ws}/computes[/{name}]}:
 * GET list, GET, PUT, PATCH, DELETE, and POST listKeys, listNodes, start, stop, restart), and GET of the workspace
 * itself (its region), for the workspaces it was seeded with, on loopback, over HTTP or HTTPS. AmlCompute clusters,
 * compute instances and every attachable type are simulated.
 *
 * <p>It checks every request against the contract of its api-version (any published stable one from 2018-11-19 on,
 * {@link ComputeApiVersion}; path names, body schemas per compute type, read-only and unknown fields), answers each in
 * that version's shape, answers PUT/PATCH/DELETE as the
 * contract's long-running operations with {@code Azure-AsyncOperation} URLs on itself, and simulates provisioning
 * over time on the injected {@link java.time.Clock}: state is derived from the clock on each read, so a test moves
 * time with {@link io.amlcompute.provisioner.local.ManualClock} and nothing runs in the background.
 * Secrets are never returned by a GET, logged or stored on disk; listKeys answers an attach's credentials from memory,
 * as the real API's "keys" resource does.
 *
 * <p>Built by {@link #builder()}; thread-safe; close it to stop the server.
 */
public final class ArmEmulator implements AutoCloseable {

    /**
     * The api-version the emulator's contract is transcribed from (the project's reference copy), and the one the app's
     * ARM gateway sends. Every other published stable version is accepted too, answered in its own shape.
     */
    public static final String DEFAULT_API_VERSION = "2025-12-01";

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI endpoint;
    private final RequestLog log;
    private final FaultRules faults;

    ArmEmulator(HttpServer server, ExecutorService executor, URI endpoint, RequestLog log, FaultRules faults) {
        this.server = server;
        this.executor = executor;
        this.endpoint = endpoint;
        this.log = log;
        this.faults = faults;
    }

    public static ArmEmulatorBuilder builder() {
        return new ArmEmulatorBuilder();
    }

    /** The base URI to use in place of {@code https://management.azure.com}, e.g. {@code http://127.0.0.1:54321}. */
    public URI endpoint() {
        return endpoint;
    }

    /** The requests received so far (at most the latest 10,000), oldest first, secrets redacted. */
    public List<RecordedRequest> requests() {
        return log.snapshot();
    }

    /** Forgets the requests received so far. */
    public void clearRequests() {
        log.clear();
    }

    /**
     * The live fault rules: add rules to inject throttling, server errors, any ARM error answer, dropped connections,
     * lost answers to requests that were carried out, or delays.
     */
    public FaultRules faults() {
        return faults;
    }

    /** Stops the server at once (requests in flight are cut) and releases its threads. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
