package io.amlcompute.provisioner.local.host.worker;

import com.microsoft.azure.functions.internal.spi.middleware.MiddlewareContext;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * One invocation's context, as the worker's {@code ExecutionContextDataSource} is both the function's
 * {@code ExecutionContext} and the middlewares' {@link MiddlewareContext} ({@code binding/ExecutionContextDataSource.java}
 * at {@value JavaWorker#SOURCE}). Middlewares see only the inputs that arrived as {@code string}; a value a
 * middleware sets for a parameter replaces the input of that name, unconverted.
 */
final class WorkerContext implements MiddlewareContext {

    private final WorkerFunction function;
    private final Invocation invocation;
    private final Logger logger;
    private final Map<String, Object> middlewareValues = new HashMap<>();
    private Object returnValue;

    WorkerContext(WorkerFunction function, Invocation invocation, Logger logger) {
        this.function = function;
        this.invocation = invocation;
        this.logger = logger;
    }

    @Override
    public Logger getLogger() {
        return logger;
    }

    @Override
    public String getInvocationId() {
        return invocation.invocationId();
    }

    @Override
    public String getFunctionName() {
        return invocation.functionName();
    }

    @Override
    public String getParameterName(String annotationSimpleClassName) {
        return function.parameterNameAnnotated(annotationSimpleClassName);
    }

    @Override
    public Object getParameterValue(String name) {
        return invocation.inputData().get(name) instanceof TypedData.Text text ? text.value() : null;
    }

    @Override
    public void updateParameterValue(String name, Object value) {
        middlewareValues.put(name, value);
    }

    @Override
    public Object getReturnValue() {
        return returnValue;
    }

    @Override
    public void updateReturnValue(Object value) {
        this.returnValue = value;
    }

    /** The value a middleware put in place of the input {@code name}; null when none did. */
    Object middlewareValue(String name) {
        return middlewareValues.get(name);
    }

    Invocation invocation() {
        return invocation;
    }

    WorkerFunction function() {
        return function;
    }
}
