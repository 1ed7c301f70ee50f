package io.amlcompute.provisioner.local.durable;

import com.microsoft.durabletask.azurefunctions.DurableClientContext;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * An embedded Durable Task backend: a gRPC server on 127.0.0.1 that speaks {@code TaskHubSidecarService}, the
 * protocol the Durable Functions extension offers to out-of-process workers, so the unmodified durabletask-java
 * 1.4.0 {@code DurableTaskGrpcWorker} and {@code DurableTaskGrpcClient} run against it. For development and tests
 * only; never started by the deployed function app.
 *
 * <p>What it promises, mirroring the Durable Functions extension:
 * <ul>
 *   <li>State (instances, histories, pending events, timers, scheduled activities) lives in SQLite under the data
 *       directory; every turn commits in one transaction, so a killed or closed backend resumes its orchestrations
 *       when started again on the same directory.</li>
 *   <li>At-least-once: a work item handed to a worker that never completes it (worker gone, stream broken, backend
 *       restarted) is delivered again; an activity may run twice, an orchestrator turn replays.</li>
 *   <li>One orchestrator turn at a time per instance, events in order; results, timer firings and external events
 *       that arrive during a turn wait for the next one.</li>
 *   <li>A turn carries every message deliverable when it is prepared, several activity results included, as the
 *       Azure Storage and MSSQL providers put an instance's pending messages into one work item. With
 *       durabletask-java 1.4.0 that can break a turn (an {@code anyOf} over retried activities); see
 *       docs/local/durable-backend.md for the sources and the consequences.</li>
 *   <li>Durable timers fire on the configured clock, in fireAt order, once the clock has passed fireAt (by at least
 *       a millisecond: a ManualClock advanced by exactly a timer's duration does not fire it yet).</li>
 *   <li>Starting an id that is Pending, Running or Suspended fails with gRPC ALREADY_EXISTS; a Completed, Failed or
 *       Terminated id is replaced by a new run. An unknown id reads as {@code exists = false}.</li>
 * </ul>
 * Not supported: rewind (UNIMPLEMENTED), entities, task hub partitions.
 *
 * <p>Thread-safe. {@link #close()} stops serving and keeps the state on disk.
 */
public final class DurableTaskBackend implements AutoCloseable {

    private final DurableBackendOptions options;
    private final HubDatabase database;
    private final WorkItemDispatcher dispatcher;
    private final InstanceWaiters waiters;
    private final DurableTimers timers;
    private final Server server;
    private boolean closed;

    private DurableTaskBackend(DurableBackendOptions options, HubDatabase database, WorkItemDispatcher dispatcher,
                               InstanceWaiters waiters, DurableTimers timers, Server server) {
        this.options = options;
        this.database = database;
        this.dispatcher = dispatcher;
        this.waiters = waiters;
        this.timers = timers;
        this.server = server;
    }

    /**
     * Opens the task hub's store and starts serving.
     *
     * @throws IOException when the data directory cannot be used (or another backend serves the same hub there) or
     *                     the port cannot be bound
     */
    public static DurableTaskBackend start(DurableBackendOptions options) throws IOException {
        HubDatabase database = HubDatabase.open(options.dataDirectory(), options.taskHubName());
        InstanceStore instances = new InstanceStore(database);
        WorkQueue queue = new WorkQueue(database);
        InstanceTransitions transitions = new InstanceTransitions(database, instances, queue, options.clock());
        OrchestratorTurns turns = new OrchestratorTurns(database, instances, queue, transitions);
        InstanceQueries queries = new InstanceQueries(database, instances, queue, options.taskHubName());
        InstanceWaiters waiters = new InstanceWaiters(queries::find);
        WorkItemDispatcher dispatcher = new WorkItemDispatcher(queue, turns, waiters::instancesChanged);
        DurableTimers timers = new DurableTimers(queue, options.clock(), dispatcher::pump);
        SidecarService service = new SidecarService(transitions, queries, waiters, dispatcher);
        Server server = NettyServerBuilder
                .forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()))
                .addService(ServerInterceptors.intercept(service, new CallerConnection()))
                .build();
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            database.close();
            throw e;
        }
        timers.start();
        return new DurableTaskBackend(options, database, dispatcher, waiters, timers, server);
    }

    /** The port the gRPC server listens on (127.0.0.1). */
    public int port() {
        return server.getPort();
    }

    public String taskHubName() {
        return options.taskHubName();
    }

    /** Orchestrator turns, activities and timers completed since this backend started (the benchmarks count them). */
    public WorkItemCounts workItemsCompleted() {
        return dispatcher.completed();
    }

    /**
     * The {@code @DurableClientInput} binding value a function would receive from the Functions host, pointing at
     * this backend; see {@link LocalDurableClientContext}.
     */
    public DurableClientContext clientContext() {
        return LocalDurableClientContext.create(port(), taskHubName());
    }

    /**
     * Stops serving: workers see UNAVAILABLE (and keep retrying), open waits end with UNAVAILABLE, the running
     * transaction finishes, and the state stays in the data directory for the next start.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        timers.close();
        dispatcher.close();
        waiters.close();
        try {
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            database.close();
        }
    }
}
