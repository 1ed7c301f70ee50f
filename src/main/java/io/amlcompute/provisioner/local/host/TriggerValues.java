package io.amlcompute.provisioner.local.host;

import java.lang.reflect.Type;

/** What one trigger offers an invocation: its payload and its metadata, converted to the parameter's type. */
interface TriggerValues {

    /** The payload as the trigger parameter's type. */
    Object payload(Type type);

    /** The metadata value called {@code name} as the parameter's type; null when the trigger has no such value. */
    Object metadata(String name, Type type);
}
