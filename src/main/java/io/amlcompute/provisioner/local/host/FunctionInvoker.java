package io.amlcompute.provisioner.local.host;

import com.microsoft.durabletask.azurefunctions.DurableClientContext;
import com.microsoft.durabletask.interruption.ContinueAsNewInterruption;
import com.microsoft.durabletask.interruption.OrchestratorBlockedException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Invokes a function as the Functions Java worker does: a new instance of the function class per invocation
 * (its public no-argument constructor), each parameter filled from the trigger, the Durable client binding or the
 * execution context. Thread-safe.
 */
final class FunctionInvoker {

    private final Supplier<DurableClientContext> durableClient;
    private final Map<String, Logger> loggers = new ConcurrentHashMap<>();

    /** @param durableClient a fresh Durable client binding value per invocation */
    FunctionInvoker(Supplier<DurableClientContext> durableClient) {
        this.durableClient = durableClient;
    }

    /**
     * Runs the function once and returns what it returned.
     *
     * @throws RuntimeException what the function threw when it is unchecked and has a message (the durabletask
     *                          replay signals always pass unchanged); otherwise a {@link FunctionInvocationException}
     */
    Object invoke(FunctionDefinition function, TriggerValues trigger) {
        Logger logger = loggers.computeIfAbsent(function.name(), LocalExecutionContext::loggerFor);
        LocalExecutionContext context = LocalExecutionContext.newInvocation(function.name(), logger);
        long started = System.nanoTime();
        Throwable thrown;
        try {
            Object[] arguments = arguments(function.parameters(), trigger, context);
            Object result = function.method().invoke(instance(function), arguments);
            logger.log(Level.FINE, () -> "Executed 'Functions." + function.name() + "' (Succeeded, Id="
                    + context.invocationId() + ", Duration=" + millisSince(started) + "ms)");
            return result;
        } catch (InvocationTargetException e) {
            thrown = e.getCause();
        } catch (ReflectiveOperationException | RuntimeException e) {
            thrown = e; // the binding failed before the function ran
        }
        RuntimeException failure = passable(function.name(), thrown);
        if (!isReplaySignal(failure)) {
            logger.log(Level.WARNING, "Executed 'Functions." + function.name() + "' (Failed, Id="
                    + context.invocationId() + ", Duration=" + millisSince(started) + "ms): " + failure.getMessage(),
                    thrown);
        }
        throw failure;
    }

    private Object[] arguments(List<ParameterBinding> parameters, TriggerValues trigger,
                               LocalExecutionContext context) {
        Object[] arguments = new Object[parameters.size()];
        for (int i = 0; i < arguments.length; i++) {
            ParameterBinding binding = parameters.get(i);
            if (binding instanceof ParameterBinding.TriggerPayload payload) {
                arguments[i] = trigger.payload(payload.type());
            } else if (binding instanceof ParameterBinding.Metadata metadata) {
                arguments[i] = trigger.metadata(metadata.name(), metadata.type());
            } else if (binding instanceof ParameterBinding.DurableClient) {
                arguments[i] = durableClient();
            } else {
                arguments[i] = context;
            }
        }
        return arguments;
    }

    private DurableClientContext durableClient() {
        if (durableClient == null) {
            throw new FunctionInvocationException("this host has no Durable backend for a @DurableClientInput binding");
        }
        return durableClient.get();
    }

    private static Object instance(FunctionDefinition function) throws ReflectiveOperationException {
        if (Modifier.isStatic(function.method().getModifiers())) {
            return null;
        }
        Constructor<?> constructor = function.method().getDeclaringClass().getConstructor();
        return constructor.newInstance();
    }

    /** Unchecked exceptions with a message pass as they are (their type is the failure's errorType); others wrapped. */
    static RuntimeException passable(String functionName, Throwable thrown) {
        if (isReplaySignal(thrown)) {
            return (RuntimeException) thrown;
        }
        if (thrown instanceof RuntimeException runtime && runtime.getMessage() != null) {
            return runtime;
        }
        return new FunctionInvocationException(functionName, thrown);
    }

    /** What durabletask throws through an orchestrator to suspend it; the replay engine must see it unchanged. */
    static boolean isReplaySignal(Throwable thrown) {
        return thrown instanceof OrchestratorBlockedException || thrown instanceof ContinueAsNewInterruption;
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
