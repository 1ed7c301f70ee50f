package io.amlcompute.provisioner.local.host;

/**
 * A function failed with something that cannot travel on as it is: a checked exception, an {@link Error}, or an
 * exception without a message. Its message is never null: durabletask 1.4.0 turns a failed activity's message into
 * a protobuf string, and a null there kills the worker's only thread.
 */
final class FunctionInvocationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    FunctionInvocationException(String functionName, Throwable cause) {
        super("Function " + functionName + " failed: " + cause.getClass().getName()
                + (cause.getMessage() == null ? " (no message)" : ": " + cause.getMessage()), cause);
    }

    FunctionInvocationException(String message) {
        super(message);
    }
}
