package io.amlcompute.provisioner.local.host;

import io.amlcompute.provisioner.local.host.worker.Invocation;
import io.amlcompute.provisioner.local.host.worker.InvocationResult;
import io.amlcompute.provisioner.local.host.worker.JavaWorker;
import io.amlcompute.provisioner.local.host.worker.TypedData;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The host's side of one invocation: adds the function's other input bindings to the trigger's value (the trigger
 * first, as {@code WorkerFunctionInvoker} orders them), hands the invocation to the {@link JavaWorker}, and logs
 * its end as the host does ({@code Executed 'Functions.<name>' (Succeeded|Failed, Id=..., Duration=...)}, category
 * {@code Function.<name>}). Thread-safe.
 */
final class FunctionRunner {

    private final JavaWorker worker;
    private final Supplier<String> durableClientJson;
    private final Map<String, Logger> loggers = new ConcurrentHashMap<>();

    /** @param durableClientJson the Durable extension's client binding value; null when the host has no backend */
    FunctionRunner(JavaWorker worker, Supplier<String> durableClientJson) {
        this.worker = Objects.requireNonNull(worker, "worker");
        this.durableClientJson = durableClientJson;
    }

    InvocationResult run(FunctionDefinition function, TypedData triggerValue, Map<String, TypedData> triggerMetadata) {
        Map<String, TypedData> inputs = new LinkedHashMap<>();
        inputs.put(function.trigger().name(), triggerValue);
        for (String client : function.durableClientInputs()) {
            if (durableClientJson == null) {
                throw new IllegalStateException("function " + function.name() + " binds a Durable client, but the"
                        + " host has no Durable backend");
            }
            inputs.put(client, new TypedData.Text(durableClientJson.get()));
        }
        Invocation invocation = Invocation.of(function.name(), inputs, triggerMetadata);
        Logger logger = loggerFor(function.name());
        long started = System.nanoTime();
        InvocationResult result = worker.invoke(function.worker(), invocation, logger);
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (result instanceof InvocationResult.Failure failure) {
            logger.log(Level.WARNING, "Executed ''Functions.{0}'' (Failed, Id={1}, Duration={2}ms)\n{3}",
                    new Object[]{function.name(), invocation.invocationId(), millis, failure.hostExceptionMessage()});
        } else {
            logger.log(Level.FINE, "Executed ''Functions.{0}'' (Succeeded, Id={1}, Duration={2}ms)",
                    new Object[]{function.name(), invocation.invocationId(), millis});
        }
        return result;
    }

    /** The log category of a function's own lines and the host's lines about it. */
    Logger loggerFor(String functionName) {
        return loggers.computeIfAbsent(functionName, name -> Logger.getLogger("Function." + name));
    }
}
