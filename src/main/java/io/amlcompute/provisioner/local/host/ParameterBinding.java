package io.amlcompute.provisioner.local.host;

import java.lang.reflect.Type;
import java.util.Objects;

/** Where one parameter of a function gets its value from. */
sealed interface ParameterBinding {

    /** The trigger's payload: message body, HTTP request, orchestration context or activity input. */
    record TriggerPayload(Type type) implements ParameterBinding {
        public TriggerPayload {
            Objects.requireNonNull(type, "type");
        }
    }

    /** {@code @BindingName}: trigger metadata (Service Bus message properties, HTTP route or query values). */
    record Metadata(String name, Type type) implements ParameterBinding {
        public Metadata {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }

    /** {@code @DurableClientInput}: a Durable client context pointing at the host's Durable backend. */
    record DurableClient() implements ParameterBinding {
    }

    /** A parameter of type {@code ExecutionContext}. */
    record Context() implements ParameterBinding {
    }
}
