package io.amlcompute.provisioner.local.durable;

import com.microsoft.durabletask.DurableTaskClient;
import com.microsoft.durabletask.DurableTaskGrpcClientBuilder;
import com.microsoft.durabletask.DurableTaskGrpcWorker;
import com.microsoft.durabletask.DurableTaskGrpcWorkerBuilder;
import com.microsoft.durabletask.OrchestrationMetadata;
import com.microsoft.durabletask.TaskActivity;
import com.microsoft.durabletask.TaskActivityFactory;
import com.microsoft.durabletask.TaskOrchestration;
import com.microsoft.durabletask.TaskOrchestrationFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * A backend with the real 1.4.0 worker and client attached over gRPC, closed as a whole. Workers are built from
 * name/lambda pairs because the SDK's factories are two-method interfaces.
 */
final class DurableRig implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(30);

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private DurableTaskBackend backend;
    private DurableTaskClient client;

    private DurableRig(DurableTaskBackend backend) {
        this.backend = backend;
    }

    static DurableRig start(DurableBackendOptions options) throws IOException {
        return new DurableRig(DurableTaskBackend.start(options));
    }

    DurableTaskBackend backend() {
        return backend;
    }

    /** The client, connected on first use. */
    DurableTaskClient client() {
        if (client == null) {
            client = new DurableTaskGrpcClientBuilder().port(backend.port()).build();
        }
        return client;
    }

    /** Builds and starts a worker on the backend's port with these orchestrations and activities. */
    DurableTaskGrpcWorker startWorker(Registration... registrations) {
        DurableTaskGrpcWorker worker = buildWorker(registrations);
        closeables.add(worker);
        worker.start();
        return worker;
    }

    /**
     * A worker whose {@code startAndBlock()} runs on a thread of the test rather than the SDK's own, so the test can
     * tell how that thread ended: {@code ended} holds what escaped the loop (null when it stopped on an interrupt).
     */
    record WorkerThread(DurableTaskGrpcWorker worker, CompletableFuture<Throwable> ended) {
    }

    WorkerThread startWorkerThread(Registration... registrations) {
        DurableTaskGrpcWorker worker = buildWorker(registrations);
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                worker.startAndBlock();
                ended.complete(null);
            } catch (Throwable escaped) {
                ended.complete(escaped);
            }
        }, "durable-worker-under-test");
        thread.setDaemon(true);
        // 1.4.0 sleeps 5 s after its channel closes before it looks again; the interrupt ends that sleep and the loop.
        closeables.add(() -> {
            worker.close();
            thread.interrupt();
        });
        thread.start();
        return new WorkerThread(worker, ended);
    }

    private DurableTaskGrpcWorker buildWorker(Registration... registrations) {
        DurableTaskGrpcWorkerBuilder builder = new DurableTaskGrpcWorkerBuilder().port(backend.port());
        for (Registration registration : registrations) {
            registration.addTo(builder);
        }
        return builder.build();
    }

    OrchestrationMetadata awaitCompletion(String instanceId) throws TimeoutException {
        return client().waitForInstanceCompletion(instanceId, WAIT, true);
    }

    /** Stops the backend, its workers and client, keeping the data directory, as a stopped process would. */
    void stopBackend() throws Exception {
        if (client != null) {
            client.close();
            client = null;
        }
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        closeables.clear();
        backend.close();
    }

    /** A new backend on the same options (data directory, clock, hub); workers must be started again. */
    void restartBackend(DurableBackendOptions options) throws IOException {
        backend = DurableTaskBackend.start(options);
    }

    @Override
    public void close() throws Exception {
        if (client != null) {
            client.close();
        }
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        backend.close();
    }

    /** An orchestration or activity to register on a worker. */
    interface Registration {
        void addTo(DurableTaskGrpcWorkerBuilder builder);
    }

    static Registration orchestration(String name, TaskOrchestration body) {
        return builder -> builder.addOrchestration(new TaskOrchestrationFactory() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public TaskOrchestration create() {
                return body;
            }
        });
    }

    static Registration activity(String name, TaskActivity body) {
        return builder -> builder.addActivity(new TaskActivityFactory() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public TaskActivity create() {
                return body;
            }
        });
    }
}
