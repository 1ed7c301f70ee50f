package io.amlcompute.provisioner.contract.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import io.amlcompute.provisioner.contract.SecretRef;
import io.amlcompute.provisioner.contract.WireNamed;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Strict, typed reads of one JSON object's fields. Every read reports its own problem (missing, wrong type, out
 * of range) and remembers the field, so {@link #finish()} can report every field nobody asked for. No coercion:
 * {@code "4"} is not 4, {@code 4.0} is not 4, {@code null} is not "absent".
 */
final class ObjectFields {

    private static final Pattern PLAIN_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");

    private final JsonNode node;
    private final String path;
    private final Problems problems;
    private final String what;
    private final Set<String> read = new HashSet<>();

    private ObjectFields(JsonNode node, String path, Problems problems, String what) {
        this.node = node;
        this.path = path;
        this.problems = problems;
        this.what = what;
    }

    /**
     * Opens {@code value} as an object; reports WRONG_TYPE and answers empty when it is something else.
     *
     * @param what how messages name this object, e.g. "the workspace" or "a Databricks attach"
     */
    static Optional<ObjectFields> open(JsonNode value, String path, Problems problems, String what) {
        if (value == null || !value.isObject()) {
            problems.add(ReasonCode.WRONG_TYPE, path, path + " must be a JSON object, not " + describe(value) + ".");
            return Optional.empty();
        }
        return Optional.of(new ObjectFields(value, path, problems, what));
    }

    String path() {
        return path;
    }

    /** JSONPath of a field of this object. */
    String pathOf(String name) {
        return PLAIN_NAME.matcher(name).matches() ? path + "." + name : path + "['" + name.replace("'", "\\'") + "']";
    }

    Problems problems() {
        return problems;
    }

    boolean has(String name) {
        return node.has(name);
    }

    /** The raw value, marked as read; null when absent. Reports a JSON null as WRONG_TYPE. */
    JsonNode value(String name, boolean required) {
        read.add(name);
        JsonNode value = node.get(name);
        if (value == null) {
            if (required) {
                problems.add(ReasonCode.MISSING_FIELD, pathOf(name), pathOf(name) + " is required in " + what + ".");
            }
            return null;
        }
        if (value.isNull()) {
            problems.add(ReasonCode.WRONG_TYPE, pathOf(name),
                    pathOf(name) + " must not be null; give a value or leave the field out.");
            return null;
        }
        return value;
    }

    String string(String name, boolean required) {
        JsonNode value = value(name, required);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            wrongType(name, "a string", value);
            return null;
        }
        return value.textValue();
    }

    /** A string that must match {@code pattern}; reports {@code code} with {@code rule} otherwise. */
    String string(String name, boolean required, Pattern pattern, ReasonCode code, String rule) {
        String value = string(name, required);
        if (value != null && !pattern.matcher(value).matches()) {
            problems.add(code, pathOf(name), pathOf(name) + " " + Problems.quote(value) + " is not valid: " + rule);
            return null;
        }
        return value;
    }

    Integer integer(String name, boolean required, long min, long max) {
        JsonNode value = value(name, required);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber()) {
            wrongType(name, "a whole number", value);
            return null;
        }
        if (!value.canConvertToLong() || value.longValue() < min || value.longValue() > max) {
            problems.add(ReasonCode.OUT_OF_RANGE, pathOf(name),
                    pathOf(name) + " must be between " + min + " and " + max + ", got " + value.asText() + ".");
            return null;
        }
        return value.intValue();
    }

    Boolean bool(String name) {
        JsonNode value = value(name, false);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            wrongType(name, "true or false", value);
            return null;
        }
        return value.booleanValue();
    }

    <E extends Enum<E> & WireNamed> E enumValue(String name, Class<E> type, boolean required) {
        String value = string(name, required);
        if (value == null) {
            return null;
        }
        Optional<E> parsed = WireNamed.lookup(type, value);
        if (parsed.isEmpty()) {
            problems.add(ReasonCode.INVALID_VALUE, pathOf(name), pathOf(name) + " " + Problems.quote(value)
                    + " is not one of: " + WireNamed.wireNames(type) + " (case-sensitive).");
            return null;
        }
        return parsed.get();
    }

    /** An ISO-8601 duration such as {@code PT30M}, within (0, max]. */
    Duration duration(String name, Duration max) {
        String value = string(name, false);
        if (value == null) {
            return null;
        }
        Duration parsed;
        try {
            parsed = Duration.parse(value);
        } catch (DateTimeParseException e) {
            problems.add(ReasonCode.INVALID_DURATION, pathOf(name), pathOf(name) + " " + Problems.quote(value)
                    + " is not an ISO-8601 duration; write e.g. PT30M or PT2H.");
            return null;
        }
        if (parsed.isNegative() || parsed.isZero() || parsed.compareTo(max) > 0) {
            problems.add(ReasonCode.OUT_OF_RANGE, pathOf(name),
                    pathOf(name) + " must be more than zero and at most " + max + ", got " + value + ".");
            return null;
        }
        return parsed;
    }

    Optional<ObjectFields> object(String name, boolean required, String whatItIs) {
        JsonNode value = value(name, required);
        return value == null ? Optional.empty() : open(value, pathOf(name), problems, whatItIs);
    }

    /**
     * A secret reference, {@code {"secretRef": "<Key Vault secret URI or local:name>"}}. Messages never quote the
     * value: whatever sits in a secret field may be the secret itself.
     */
    SecretRef secret(String name, boolean required) {
        JsonNode value = value(name, required);
        if (value == null) {
            return null;
        }
        String fieldPath = pathOf(name);
        if (!value.isObject()) {
            problems.add(ReasonCode.SECRET_INLINE, fieldPath, fieldPath
                    + " must be a secret reference such as {\"secretRef\": \"https://<vault>.vault.azure.net/secrets/<name>\"};"
                    + " inline secret values are not accepted.");
            return null;
        }
        JsonNode ref = value.get("secretRef");
        Iterator<String> names = value.fieldNames();
        boolean onlyRef = ref != null && names.hasNext() && "secretRef".equals(names.next()) && !names.hasNext();
        if (!onlyRef || !ref.isTextual() || SecretRef.parse(ref.textValue()).isEmpty()) {
            problems.add(ReasonCode.INVALID_SECRET_REF, fieldPath, fieldPath
                    + " must hold exactly one field, secretRef, with a Key Vault secret URI"
                    + " (https://<vault>.vault.azure.net/secrets/<name>[/<version>]) or local:<name>.");
            return null;
        }
        return new SecretRef(ref.textValue());
    }

    /** Reports every field of this object that no read asked for. */
    void finish() {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!read.contains(name)) {
                problems.add(ReasonCode.UNKNOWN_FIELD, pathOf(name),
                        pathOf(name) + " is not a field of " + what + "; remove it or check its spelling.");
            }
        }
    }

    private void wrongType(String name, String expected, JsonNode actual) {
        problems.add(ReasonCode.WRONG_TYPE, pathOf(name),
                pathOf(name) + " must be " + expected + ", not " + describe(actual) + ".");
    }

    static String describe(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        JsonNodeType type = value.getNodeType();
        return switch (type) {
            case STRING -> "a string";
            case NUMBER -> value.isIntegralNumber() ? "a whole number" : "a decimal number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> type.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
