package io.amlcompute.provisioner.contract;

import java.util.Locale;

/**
 * What a request asks for: something done to a compute, or (a control request) something done to another request
 * that is still running: renew or release its lease, or cancel it.
 */
public enum Action implements WireNamed {
    ENSURE,
    ATTACH,
    UPDATE,
    DETACH,
    DELETE,
    RENEW,
    RELEASE,
    CANCEL;

    @Override
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A control request: it addresses another request's orchestration, not a compute. */
    public boolean isControl() {
        return this == RENEW || this == RELEASE || this == CANCEL;
    }
}
