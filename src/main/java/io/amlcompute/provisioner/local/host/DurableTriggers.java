package io.amlcompute.provisioner.local.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.durabletask.DurableTaskGrpcWorker;
import com.microsoft.durabletask.DurableTaskGrpcWorkerBuilder;
import com.microsoft.durabletask.TaskActivity;
import com.microsoft.durabletask.TaskActivityContext;
import com.microsoft.durabletask.TaskActivityFactory;
import com.microsoft.durabletask.TaskOrchestration;
import com.microsoft.durabletask.TaskOrchestrationContext;
import com.microsoft.durabletask.TaskOrchestrationFactory;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The orchestrator and activity functions, registered on real durabletask 1.4.0 {@link DurableTaskGrpcWorker}s
 * connected to the Durable backend, as the Durable extension and the Java worker run them in Azure.
 *
 * <ul>
 *   <li>An orchestrator invocation gets the real {@link TaskOrchestrationContext}; its return value becomes the
 *       orchestration's output, as durabletask-azure-functions' {@code OrchestrationMiddleware} does through
 *       {@code OrchestrationRunner.loadAndRun(..., OrchestratorFunction)} ({@code ctx.complete(returnValue)}).</li>
 *   <li>An activity with a String parameter gets its input JSON-decoded (a JSON string becomes its text, any other
 *       JSON its text form), as the Functions Java worker binds it; other parameter types are read with
 *       durabletask's data converter. The return value goes back through the same converter.</li>
 *   <li>Failures never carry a null message (see {@link FunctionInvocationException}).</li>
 * </ul>
 *
 * <p>Each 1.4.0 worker runs one work item at a time on one thread, so the host runs several workers. Each runs
 * {@code startAndBlock()} on a daemon thread of ours: {@code close()} alone never ends the worker's retry loop,
 * but an interrupt during its 5 s reconnect pause does.
 */
final class DurableTriggers implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DurableTriggers.class.getName());

    private final List<DurableTaskGrpcWorker> workers;
    private final List<Thread> threads;

    private DurableTriggers(List<DurableTaskGrpcWorker> workers, List<Thread> threads) {
        this.workers = workers;
        this.threads = threads;
    }

    /** Starts {@code workerCount} workers on the backend at {@code port}; none when there is nothing to register. */
    static DurableTriggers start(int port, int workerCount, List<FunctionDefinition> functions, FunctionInvoker invoker) {
        List<FunctionDefinition> durable = functions.stream()
                .filter(f -> f.trigger() instanceof TriggerBinding.Orchestration
                        || f.trigger() instanceof TriggerBinding.Activity)
                .toList();
        List<DurableTaskGrpcWorker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        if (durable.isEmpty()) {
            return new DurableTriggers(workers, threads);
        }
        for (int i = 1; i <= workerCount; i++) {
            DurableTaskGrpcWorkerBuilder builder = new DurableTaskGrpcWorkerBuilder().port(port);
            for (FunctionDefinition function : durable) {
                if (function.trigger() instanceof TriggerBinding.Orchestration) {
                    builder.addOrchestration(orchestration(function, invoker));
                } else {
                    builder.addActivity(activity(function, invoker));
                }
            }
            DurableTaskGrpcWorker worker = builder.build();
            Thread thread = new Thread(worker::startAndBlock, "durable-worker-" + i);
            thread.setDaemon(true);
            workers.add(worker);
            threads.add(thread);
            thread.start();
        }
        return new DurableTriggers(workers, threads);
    }

    private static TaskOrchestrationFactory orchestration(FunctionDefinition function, FunctionInvoker invoker) {
        TaskOrchestration orchestration = ctx -> {
            Object output;
            try {
                output = invoker.invoke(function, new OrchestrationValues(ctx));
            } catch (RuntimeException | Error e) {
                throw FunctionInvoker.passable(function.name(), e);
            }
            ctx.complete(output);
        };
        return new TaskOrchestrationFactory() {
            @Override
            public String getName() {
                return function.name();
            }

            @Override
            public TaskOrchestration create() {
                return orchestration;
            }
        };
    }

    private static TaskActivityFactory activity(FunctionDefinition function, FunctionInvoker invoker) {
        TaskActivity activity = ctx -> {
            try {
                return invoker.invoke(function, new ActivityValues(ctx));
            } catch (RuntimeException | Error e) {
                // Binding failures too: whatever leaves here must have a message (see FunctionInvocationException).
                throw FunctionInvoker.passable(function.name(), e);
            }
        };
        return new TaskActivityFactory() {
            @Override
            public String getName() {
                return function.name();
            }

            @Override
            public TaskActivity create() {
                return activity;
            }
        };
    }

    /** Closes the workers' channels and ends their threads. */
    @Override
    public void close() {
        workers.forEach(DurableTaskGrpcWorker::close);
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
                if (thread.isAlive()) {
                    LOG.log(Level.WARNING, "{0} did not stop within 10 s", thread.getName());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** An orchestrator's only binding: the orchestration context. */
    private record OrchestrationValues(TaskOrchestrationContext ctx) implements TriggerValues {
        @Override
        public Object payload(Type type) {
            if (!BindingConversion.rawType(type).isAssignableFrom(TaskOrchestrationContext.class)) {
                throw new IllegalArgumentException("an orchestration trigger parameter must be a TaskOrchestrationContext");
            }
            return ctx;
        }

        @Override
        public Object metadata(String name, Type type) {
            return BindingConversion.convert(null, type);
        }
    }

    /** An activity's input, bound as the Functions Java worker binds it. */
    private record ActivityValues(TaskActivityContext ctx) implements TriggerValues {
        @Override
        public Object payload(Type type) {
            Class<?> raw = BindingConversion.rawType(type);
            if (raw == String.class) {
                JsonNode input = ctx.getInput(JsonNode.class);
                if (input == null || input.isNull() || input.isMissingNode()) {
                    return null;
                }
                return input.isTextual() ? input.asText() : input.toString();
            }
            return ctx.getInput(raw);
        }

        @Override
        public Object metadata(String name, Type type) {
            return BindingConversion.convert(null, type);
        }
    }
}
