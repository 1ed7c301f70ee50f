package io.amlcompute.provisioner.cli;

/**
 * A Service Bus call that failed (unreachable, refused credentials, unknown entity), described with the entity it
 * was for; the command ends with exit 4 and this one line.
 */
final class ServiceBusUnavailableException extends RuntimeException {

    ServiceBusUnavailableException(String what, RuntimeException cause) {
        super("Service Bus: could not " + what + ": " + Failures.describe(cause), cause);
    }
}
