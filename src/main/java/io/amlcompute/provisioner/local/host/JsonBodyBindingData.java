package io.amlcompute.provisioner.local.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlcompute.provisioner.contract.Json;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The host's extra binding data from a JSON trigger value ({@code Utility.ApplyBindingData}, called from
 * {@code WorkerFunctionInvoker.TransformInput}, Azure/azure-functions-host@89dc438d476542786f2fc4070f553423213a6223,
 * {@code src/WebJobs.Script/Utility.cs}): when a string trigger value (a Service Bus body, an activity's input)
 * is a JSON object, each top-level property that is neither null nor an array is written into the binding data,
 * <b>over</b> an entry of the same name in any case: an object as JSON, anything else as Newtonsoft's string cast
 * ({@code true} becomes {@code "True"}, a date-like string is parsed as a date and written back in the invariant
 * culture, {@code "05/01/2024 12:00:00"}). So a request body with a {@code deliveryCount} field replaces the
 * message's {@code DeliveryCount}. A value that is not a JSON object adds nothing.
 */
final class JsonBodyBindingData {

    /** Newtonsoft's date detection when parsing (DateParseHandling.DateTime): ISO 8601 date-times. */
    private static final Pattern ISO_DATE = Pattern.compile(
            "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,7})?(Z|[+-]\\d{2}:\\d{2})?$");
    private static final DateTimeFormatter INVARIANT = DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss");

    private JsonBodyBindingData() {
    }

    /** @param bindingData case-insensitive, as the host's binding data dictionary is */
    static void apply(String triggerValue, Map<String, Object> bindingData) {
        if (triggerValue == null || !looksLikeJson(triggerValue)) {
            return;
        }
        JsonNode parsed;
        try {
            parsed = Json.MAPPER.readTree(triggerValue);
        } catch (Exception e) {
            return; // "it's not an error if the incoming message isn't JSON"
        }
        if (!(parsed instanceof ObjectNode object)) {
            return; // JObject.Parse of an array throws, and the host swallows it
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isNull() || value.isArray()) {
                continue;
            }
            bindingData.put(field.getKey(), value.isObject() ? value : newtonsoftString(value));
        }
    }

    /** {@code Utility.IsJson}: trimmed, starts and ends with braces or brackets. */
    private static boolean looksLikeJson(String value) {
        String trimmed = value.strip();
        return (trimmed.startsWith("{") && trimmed.endsWith("}")) || (trimmed.startsWith("[") && trimmed.endsWith("]"));
    }

    /** {@code (string)JToken}. */
    private static String newtonsoftString(JsonNode value) {
        if (value.isBoolean()) {
            return value.booleanValue() ? "True" : "False";
        }
        if (value.isTextual()) {
            String text = value.textValue();
            return ISO_DATE.matcher(text).matches() ? invariantDate(text) : text;
        }
        return value.asText();
    }

    /** A date JValue written back with {@code CultureInfo.InvariantCulture}; offsets converted to UTC, as in Azure. */
    private static String invariantDate(String iso) {
        try {
            LocalDateTime local = iso.endsWith("Z") || iso.matches(".*[+-]\\d{2}:\\d{2}$")
                    ? OffsetDateTime.parse(iso).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()
                    : LocalDateTime.parse(iso);
            return local.format(INVARIANT);
        } catch (DateTimeParseException e) {
            return iso;
        }
    }
}
