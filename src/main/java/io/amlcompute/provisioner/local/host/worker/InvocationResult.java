package io.amlcompute.provisioner.local.host.worker;

import java.util.Objects;

/** What the worker answers an invocation with: the {@code InvocationResponse} of FunctionRpc.proto. */
public sealed interface InvocationResult {

    /**
     * Status Success.
     *
     * @param returnValue the {@code return_value}; null when the function has no {@code $return} binding and no
     *                    trigger with implicit output, in which case the worker drops what the method returned
     */
    record Success(TypedData returnValue) implements InvocationResult {
    }

    /**
     * Status Failure, with the {@code RpcException} the worker fills: {@code message} is the root cause as
     * {@code <ShortClassName>: <message>} and {@code stackTrace} the whole trace of what was thrown.
     */
    record Failure(String message, String stackTrace) implements InvocationResult {
        public Failure {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(stackTrace, "stackTrace");
        }

        /**
         * The text the host builds from this failure for a worker without the EnableUserCodeException capability
         * (Java has none), which the Durable extension parses back into an activity's failure details.
         */
        public String hostExceptionMessage() {
            return "Result: Failure\nException: " + message + "\nStack: " + stackTrace;
        }
    }
}
