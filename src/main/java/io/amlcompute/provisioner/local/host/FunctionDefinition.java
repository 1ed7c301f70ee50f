package io.amlcompute.provisioner.local.host;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Objects;

/**
 * One function of the app as the host wires it: its name, the method to invoke, what triggers it, and where each
 * parameter's value comes from (in declaration order). What the Functions host reads from a function.json.
 */
record FunctionDefinition(String name, Method method, TriggerBinding trigger, List<ParameterBinding> parameters) {

    FunctionDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(trigger, "trigger");
        parameters = List.copyOf(parameters);
    }

    @Override
    public String toString() {
        return name + " (" + method.getDeclaringClass().getSimpleName() + "." + method.getName() + ")";
    }
}
