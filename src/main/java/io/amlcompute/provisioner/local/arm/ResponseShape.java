package io.amlcompute.provisioner.local.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cuts a response down to a {@link Shape}: a field the shape does not name is removed, recursively. This is how a
 * compute created under one api-version reads under an older one: {@code disableLocalAuth} is not in 2020-06-01's
 * {@code Compute}, so a 2020-06-01 GET does not return it. A compute whose type the version's union lacks (a
 * Kubernetes compute read with 2021-04-01) keeps the base {@code Compute} fields and loses its type properties:
 * that version has no schema for them. Values are never changed, only left out.
 */
final class ResponseShape {

    private ResponseShape() {
    }

    /** A copy of {@code node} holding only what {@code shape} has. */
    static JsonNode cut(JsonNode node, Shape shape) {
        JsonNode copy = node.deepCopy();
        keepOnly(copy, shape);
        return copy;
    }

    private static void keepOnly(JsonNode node, Shape shape) {
        if (node == null || node.isNull()) {
            return;
        }
        if (shape instanceof Shape.Obj obj && node.isObject()) {
            keepFields((ObjectNode) node, obj);
        } else if (shape instanceof Shape.Discriminated union && node.isObject()) {
            String value = node.path(union.discriminator()).asText(null);
            Shape.Obj subtype = value == null ? null : union.subtypes().get(value);
            keepFields((ObjectNode) node, subtype != null ? subtype : union.base());
        } else if (shape instanceof Shape.MapOf map && node.isObject()) {
            node.forEach(value -> keepOnly(value, map.values()));
        } else if (shape instanceof Shape.ListOf list && node.isArray()) {
            node.forEach(item -> keepOnly(item, list.items()));
        }
        // Scalars, free-form objects and Anything are kept as they are.
    }

    private static void keepFields(ObjectNode object, Shape.Obj obj) {
        List<String> unknown = new ArrayList<>();
        object.fieldNames().forEachRemaining(name -> {
            if (field(obj, name).isEmpty()) {
                unknown.add(name);
            }
        });
        object.remove(unknown);
        object.fields().forEachRemaining(entry ->
                field(obj, entry.getKey()).ifPresent(field -> keepOnly(entry.getValue(), field.shape())));
    }

    private static Optional<Shape.Field> field(Shape.Obj obj, String name) {
        return obj.fields().stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
