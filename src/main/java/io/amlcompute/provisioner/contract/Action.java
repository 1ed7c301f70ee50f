package io.amlcompute.provisioner.contract;

import java.util.Locale;

/** What a request asks for. */
public enum Action implements WireNamed {
    ENSURE,
    ATTACH,
    UPDATE,
    DETACH,
    DELETE;

    @Override
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
