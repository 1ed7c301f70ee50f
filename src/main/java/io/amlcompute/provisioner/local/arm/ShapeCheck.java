package io.amlcompute.provisioner.local.arm;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.local.arm.ContractViolation.Code;
import io.amlcompute.provisioner.local.arm.Shape.Field;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Walks a JSON body against a {@link Shape} and collects every violation, each naming its JSON path
 * ({@code properties.properties.scaleSettings.maxNodeCount}). A JSON {@code null} counts as absent, as ARM's
 * deserializers treat it; values are never quoted except for enum fields, so secrets cannot leak into messages.
 */
final class ShapeCheck {

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

    private final List<ContractViolation> violations = new ArrayList<>();

    private ShapeCheck() {
    }

    static List<ContractViolation> check(JsonNode body, Shape shape) {
        ShapeCheck check = new ShapeCheck();
        check.visit(body, shape, "");
        return List.copyOf(check.violations);
    }

    static String child(String path, String name) {
        if (!PLAIN_KEY.matcher(name).matches()) {
            return path + "['" + name.replace("'", "\\'") + "']";
        }
        return path.isEmpty() ? name : path + "." + name;
    }

    private void visit(JsonNode node, Shape shape, String path) {
        // Java 17: no pattern matching for switch yet, so an instanceof ladder over the sealed Shape.
        if (shape instanceof Shape.Text) {
            expect(node.isTextual(), path, "a string", node);
        } else if (shape instanceof Shape.Int32) {
            expect(node.isIntegralNumber() && node.canConvertToInt(), path, "an integer (int32)", node);
        } else if (shape instanceof Shape.Bool) {
            expect(node.isBoolean(), path, "a boolean", node);
        } else if (shape instanceof Shape.IsoDuration) {
            visitDuration(node, path);
        } else if (shape instanceof Shape.AnyObject) {
            expect(node.isObject(), path, "an object", node);
        } else if (shape instanceof Shape.OneOf oneOf) {
            visitEnum(node, oneOf, path);
        } else if (shape instanceof Shape.MapOf map) {
            visitMap(node, map, path);
        } else if (shape instanceof Shape.ListOf list) {
            visitList(node, list, path);
        } else if (shape instanceof Shape.Obj obj) {
            visitObject(node, obj, path);
        } else if (shape instanceof Shape.Discriminated union) {
            visitUnion(node, union, path);
        }
        // Shape.Anything accepts any value.
    }

    private void visitDuration(JsonNode node, String path) {
        if (!expect(node.isTextual(), path, "an ISO-8601 duration string such as PT5M", node)) {
            return;
        }
        try {
            if (Duration.parse(node.textValue()).isNegative()) {
                add(Code.INVALID_DURATION, path, "'" + path + "' must not be a negative duration.");
            }
        } catch (DateTimeParseException e) {
            add(Code.INVALID_DURATION, path, "'" + path + "' must be an ISO-8601 duration such as PT5M or PT120S, got '"
                    + node.textValue() + "'.");
        }
    }

    private void visitEnum(JsonNode node, Shape.OneOf oneOf, String path) {
        if (!expect(node.isTextual(), path, "a string, one of " + oneOf.values(), node)) {
            return;
        }
        if (!oneOf.values().contains(node.textValue())) {
            add(Code.INVALID_ENUM_VALUE, path, "'" + path + "' must be one of " + oneOf.values() + " ("
                    + oneOf.enumName() + "), got '" + node.textValue() + "'.");
        }
    }

    private void visitMap(JsonNode node, Shape.MapOf map, String path) {
        if (!expect(node.isObject(), path, "an object (a map)", node)) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isNull()) {
                visit(entry.getValue(), map.values(), child(path, entry.getKey()));
            }
        }
    }

    private void visitList(JsonNode node, Shape.ListOf list, String path) {
        if (!expect(node.isArray(), path, "an array", node)) {
            return;
        }
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isNull()) {
                visit(node.get(i), list.items(), path + "[" + i + "]");
            }
        }
    }

    private void visitObject(JsonNode node, Shape.Obj obj, String path) {
        if (!expect(node.isObject(), path, "an object (" + obj.schemaName() + ")", node)) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String fieldPath = child(path, entry.getKey());
            Field field = obj.fields().stream().filter(f -> f.name().equals(entry.getKey())).findFirst().orElse(null);
            if (field == null) {
                String hint = obj.unknownPropertyHint() == null ? "" : " " + obj.unknownPropertyHint();
                add(Code.UNKNOWN_PROPERTY, fieldPath, "'" + entry.getKey() + "' is not a property of "
                        + obj.schemaName() + "." + hint);
            } else if (entry.getValue().isNull()) {
                continue;
            } else if (field.presence() == Shape.Presence.READ_ONLY) {
                add(Code.READ_ONLY_PROPERTY, fieldPath, "'" + fieldPath + "' is read-only: the service sets it; "
                        + "leave it out of the request.");
            } else {
                visit(entry.getValue(), field.shape(), fieldPath);
            }
        }
        for (Field field : obj.fields()) {
            JsonNode value = node.get(field.name());
            if (field.presence() == Shape.Presence.REQUIRED && (value == null || value.isNull())) {
                String fieldPath = child(path, field.name());
                add(Code.MISSING_REQUIRED_PROPERTY, fieldPath, "'" + fieldPath + "' is required by "
                        + obj.schemaName() + ".");
            }
        }
    }

    private void visitUnion(JsonNode node, Shape.Discriminated union, String path) {
        if (!expect(node.isObject(), path, "an object", node)) {
            return;
        }
        String discriminatorPath = child(path, union.discriminator());
        JsonNode value = node.get(union.discriminator());
        if (value == null || value.isNull()) {
            add(Code.MISSING_DISCRIMINATOR, discriminatorPath, "'" + discriminatorPath + "' is required: it selects "
                    + "the compute schema, one of " + union.knownValues() + ".");
            return;
        }
        if (!value.isTextual() || !union.knownValues().contains(value.textValue())) {
            String got = value.isTextual() ? "'" + value.textValue() + "'" : describe(value);
            add(Code.UNKNOWN_COMPUTE_TYPE, discriminatorPath, "'" + discriminatorPath + "' must be one of "
                    + union.knownValues() + " (ComputeType), got " + got + ".");
            return;
        }
        Shape.Obj subtype = union.subtypes().get(value.textValue());
        if (subtype != null) {
            visitObject(node, subtype, path);
        }
    }

    private boolean expect(boolean ok, String path, String expected, JsonNode actual) {
        if (!ok) {
            String subject = path.isEmpty() ? "The request body" : "'" + path + "'";
            add(Code.INVALID_PROPERTY_TYPE, path, subject + " must be " + expected + ", got " + describe(actual)
                    + ".");
        }
        return ok;
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> !node.isIntegralNumber() ? "a decimal number"
                    : node.canConvertToInt() ? "an integer" : "an integer beyond the int32 range";
            case BOOLEAN -> "a boolean";
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private void add(Code code, String path, String message) {
        violations.add(new ContractViolation(code, path, message));
    }
}
