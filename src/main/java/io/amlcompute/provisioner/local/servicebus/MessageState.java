package io.amlcompute.provisioner.local.servicebus;

/** Where a stored message stands; the codes are Service Bus's {@code x-opt-message-state} values. */
enum MessageState {
    ACTIVE(0),
    DEFERRED(1),
    SCHEDULED(2);

    private final int code;

    MessageState(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }
}
