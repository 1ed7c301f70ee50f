package io.amlcompute.provisioner.local.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlcompute.provisioner.contract.Json;
import java.io.IOException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Keeps secrets out of everything the emulator returns, logs or stores. Two ways, for two situations: a body that
 * passed validation loses its secret fields by schema ({@link #withoutSecrets}); any body on its way to the request
 * log, valid or not, has every field named like a secret replaced ({@link #redactForLog}).
 */
final class SecretFields {

    static final String REDACTED = "[REDACTED]";

    /**
     * Names of secret fields anywhere in the compute contract: the emulated shapes' secret fields, plus AKS
     * {@code SslConfiguration.cert/key} and the listKeys kubeconfigs, which reach the log even though those bodies
     * are refused (contract notes section 6).
     */
    static final Set<String> SECRET_NAMES = secretNames();

    private SecretFields() {
    }

    /** A copy of {@code node} without the fields {@code shape} marks secret (recursively). */
    static JsonNode withoutSecrets(JsonNode node, Shape shape) {
        JsonNode copy = node.deepCopy();
        strip(copy, shape);
        return copy;
    }

    private static void strip(JsonNode node, Shape shape) {
        if (node == null || !node.isObject()) {
            return;
        }
        ObjectNode object = (ObjectNode) node;
        if (shape instanceof Shape.Obj obj) {
            for (Shape.Field field : obj.fields()) {
                if (field.secret()) {
                    object.remove(field.name());
                } else {
                    strip(object.get(field.name()), field.shape());
                }
            }
        } else if (shape instanceof Shape.MapOf map) {
            object.forEach(value -> strip(value, map.values()));
        }
    }

    /**
     * The body as the request log may show it: JSON with every secret-named field replaced by {@value #REDACTED};
     * a body that is not JSON is withheld entirely, since nothing can tell where a secret sits in it.
     */
    static String redactForLog(byte[] body) {
        if (body.length == 0) {
            return "";
        }
        try {
            JsonNode tree = Json.MAPPER.readTree(body);
            if (tree == null) {
                return "";
            }
            redact(tree);
            return Json.MAPPER.writeValueAsString(tree);
        } catch (IOException e) {
            return "[" + body.length + " bytes, not valid JSON: withheld]";
        }
    }

    private static void redact(JsonNode node) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (SECRET_NAMES.contains(entry.getKey()) && !entry.getValue().isNull()) {
                    entry.setValue(Json.MAPPER.getNodeFactory().textNode(REDACTED));
                } else {
                    redact(entry.getValue());
                }
            }
        } else if (node.isArray()) {
            node.forEach(SecretFields::redact);
        }
    }

    private static Set<String> secretNames() {
        Set<String> names = new HashSet<>(Set.of("cert", "key", "userKubeConfig", "adminKubeConfig"));
        // The newest version is the superset: every secret field any version has.
        collect(ComputeResourceShapes.computeResource(ComputeApiVersion.V2026_07_01), names);
        return Set.copyOf(names);
    }

    private static void collect(Shape shape, Set<String> names) {
        if (shape instanceof Shape.Obj obj) {
            for (Shape.Field field : obj.fields()) {
                if (field.secret()) {
                    names.add(field.name());
                }
                collect(field.shape(), names);
            }
        } else if (shape instanceof Shape.MapOf map) {
            collect(map.values(), names);
        } else if (shape instanceof Shape.ListOf list) {
            collect(list.items(), names);
        } else if (shape instanceof Shape.Discriminated union) {
            Collection<Shape.Obj> subtypes = union.subtypes().values();
            subtypes.forEach(subtype -> collect(subtype, names));
        }
    }
}
