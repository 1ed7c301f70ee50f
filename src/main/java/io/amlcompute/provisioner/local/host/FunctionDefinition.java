package io.amlcompute.provisioner.local.host;

import io.amlcompute.provisioner.local.host.worker.WorkerFunction;
import java.util.List;
import java.util.Objects;

/**
 * One function of the app as the host knows it from its function.json: its name, what triggers it, its other
 * input bindings (only {@code durableClient} is served), and the worker's view of its method.
 *
 * @param durableClientInputs the names of its {@code durableClient} input bindings
 */
record FunctionDefinition(String name, TriggerBinding trigger, List<String> durableClientInputs,
                          WorkerFunction worker) {

    FunctionDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(trigger, "trigger");
        durableClientInputs = List.copyOf(durableClientInputs);
        Objects.requireNonNull(worker, "worker");
    }

    @Override
    public String toString() {
        return name + " (" + worker.method().getDeclaringClass().getSimpleName() + "." + worker.method().getName() + ")";
    }
}
