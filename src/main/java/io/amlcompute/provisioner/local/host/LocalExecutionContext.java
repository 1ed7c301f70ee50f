package io.amlcompute.provisioner.local.host;

import com.microsoft.azure.functions.ExecutionContext;
import java.util.Objects;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The {@link ExecutionContext} of one invocation: the function's logger (one per function, category
 * {@code Function.<name>} as in the Functions host) and a fresh invocation id.
 */
record LocalExecutionContext(String functionName, String invocationId, Logger logger) implements ExecutionContext {

    LocalExecutionContext {
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(invocationId, "invocationId");
        Objects.requireNonNull(logger, "logger");
    }

    static LocalExecutionContext newInvocation(String functionName, Logger logger) {
        return new LocalExecutionContext(functionName, UUID.randomUUID().toString(), logger);
    }

    static Logger loggerFor(String functionName) {
        return Logger.getLogger("Function." + functionName);
    }

    @Override
    public Logger getLogger() {
        return logger;
    }

    @Override
    public String getInvocationId() {
        return invocationId;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }
}
