package io.amlcompute.provisioner.infra;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code infra/main.bicep} deploys for a set of parameter values: which modules and resources their conditions
 * let through, with each module's parameters bound to what main.bicep passes it. Parameters not given take their
 * defaults. Values ARM computes at deploy time stay {@link BicepExpression.Opaque}.
 */
final class Deployment {

    /** A Bicep file with its parameters bound; variables are evaluated on demand. */
    record Scope(BicepFile file, Map<String, Object> parameters) {

        Object value(String name) {
            if (parameters.containsKey(name)) {
                return parameters.get(name);
            }
            if (file.params().containsKey(name)) {
                String defaultValue = file.param(name).defaultValue();
                if (defaultValue == null) {
                    return new BicepExpression.Opaque(name);
                }
                return evaluate(defaultValue);
            }
            Optional<String> var = file.findVar(name);
            if (var.isPresent()) {
                return evaluate(var.get());
            }
            // A resource or module symbol: only its deploy-time properties are ever read.
            return new BicepExpression.Opaque(name);
        }

        Object evaluate(String expression) {
            return BicepExpression.evaluate(expression, this::value);
        }

        boolean deploys(String condition) {
            return condition == null || BicepExpression.isTrue(condition, this::value);
        }

        /** The resources of this file that the deployment creates (conditions that hold; {@code existing} left out). */
        List<BicepFile.Resource> resources() {
            return file.resources().stream().filter(r -> !r.existing() && deploys(r.condition())).toList();
        }
    }

    private final Scope main;

    private Deployment(Map<String, Object> parameters) {
        this.main = new Scope(Infra.main(), Map.copyOf(parameters));
    }

    static Deployment of(Map<String, Object> parameters) {
        for (String name : parameters.keySet()) {
            Infra.main().param(name);
        }
        return new Deployment(parameters);
    }

    Scope main() {
        return main;
    }

    /** Whether main.bicep deploys the module at {@code modulePath} at all. */
    boolean deploys(String modulePath) {
        return main.deploys(Infra.main().module(modulePath).condition());
    }

    /** The module at {@code modulePath}, its parameters bound to what main.bicep passes; fails when not deployed. */
    Scope module(String modulePath) {
        BicepFile.Module module = Infra.main().module(modulePath);
        if (!main.deploys(module.condition())) {
            throw new AssertionError(modulePath + " is not deployed with " + main.parameters());
        }
        Map<String, Object> bound = new HashMap<>();
        module.body().object("params").ifPresent(params -> params.entries().forEach((name, value) ->
                bound.put(name, value instanceof BicepValue.Expr e ? main.evaluate(e.raw()) : value)));
        return new Scope(Infra.bicep("infra/" + modulePath), bound);
    }

    /** Every role assignment deployed: main's modules that are deployed, and within them the assignments deployed. */
    List<RoleAssignment> roleAssignments() {
        List<RoleAssignment> deployed = new ArrayList<>();
        for (BicepFile.Module module : Infra.main().modules()) {
            if (!main.deploys(module.condition()) || module.loop() != null) {
                continue;
            }
            Scope scope = module(module.path());
            for (RoleAssignment assignment : RoleAssignment.in(List.of(scope.file()))) {
                if (scope.deploys(assignment.condition())) {
                    deployed.add(assignment);
                }
            }
        }
        return deployed;
    }

    /** The function app's app settings: what main.bicep passes to the function-app module, evaluated. */
    BicepValue.Obj appSettings() {
        Object settings = module("app/function-app.bicep").parameters().get("appSettings");
        if (!(settings instanceof BicepValue.Obj object)) {
            throw new AssertionError("appSettings of the function app is not known before deployment: " + settings);
        }
        return object;
    }

    static Map<String, Object> parameters(Object... nameValuePairs) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            map.put((String) nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return map;
    }
}
