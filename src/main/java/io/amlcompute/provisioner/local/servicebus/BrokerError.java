package io.amlcompute.provisioner.local.servicebus;

import org.apache.qpid.proton.amqp.Symbol;

/**
 * The errors the broker reports, with the AMQP error condition the client maps to a {@code ServiceBusFailureReason}
 * and the status code of a {@code $management} or {@code $cbs} response.
 */
enum BrokerError {
    ENTITY_NOT_FOUND("amqp:not-found", 404),
    MESSAGE_NOT_FOUND("com.microsoft:message-not-found", 404),
    SESSION_NOT_FOUND("com.microsoft:session-not-found", 404),
    MESSAGE_LOCK_LOST("com.microsoft:message-lock-lost", 410),
    SESSION_LOCK_LOST("com.microsoft:session-lock-lost", 410),
    SESSION_CANNOT_BE_LOCKED("com.microsoft:session-cannot-be-locked", 409),
    NOT_ALLOWED("amqp:not-allowed", 400),
    INVALID_REQUEST("com.microsoft:argument-error", 400),
    UNAUTHORIZED("amqp:unauthorized-access", 401),
    TIMEOUT("com.microsoft:timeout", 408),
    NOT_IMPLEMENTED("amqp:not-implemented", 501),
    INTERNAL("amqp:internal-error", 500);

    private final Symbol condition;
    private final int statusCode;

    BrokerError(String condition, int statusCode) {
        this.condition = Symbol.valueOf(condition);
        this.statusCode = statusCode;
    }

    Symbol condition() {
        return condition;
    }

    int statusCode() {
        return statusCode;
    }

    BrokerException exception(String description) {
        return new BrokerException(this, description);
    }
}
