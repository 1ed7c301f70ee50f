package io.amlcompute.provisioner.local.servicebus;

/** A broker rule said no; the protocol layer turns it into an AMQP error or a management status code. */
final class BrokerException extends RuntimeException {

    private final BrokerError error;

    BrokerException(BrokerError error, String description) {
        super(description, null, false, false);
        this.error = error;
    }

    BrokerError error() {
        return error;
    }
}
