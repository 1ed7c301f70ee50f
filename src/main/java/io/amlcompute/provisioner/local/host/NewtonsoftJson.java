package io.amlcompute.provisioner.local.host;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlcompute.provisioner.contract.Json;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * {@code JsonConvert.SerializeObject(value, Formatting.None)} with Newtonsoft.Json's default settings, for the
 * values binding data holds: what the host's {@code ToRpcDefault} sends a worker as {@code json}. Dates in ISO form
 * with the fraction trimmed ({@code IsoDateFormat}, {@code RoundtripKind}); nulls written; byte arrays as base64.
 * Sources: Newtonsoft.Json {@code JsonSerializerSettings} defaults and {@code DateTimeUtils.WriteDateTimeString}
 * (JamesNK/Newtonsoft.Json@09bb545d72969ad7fb4ea07db0d5c34f4fc07877). Not modelled: Newtonsoft's spelling of
 * floating point numbers ({@code 1E+20} where Jackson writes {@code 1.0E20}); a value of a type outside this list
 * fails loudly.
 */
final class NewtonsoftJson {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private NewtonsoftJson() {
    }

    static String write(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(tree(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write binding data as JSON", e);
        }
    }

    static JsonNode tree(Object value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value == null) {
            return nodes.nullNode();
        }
        if (value instanceof JsonNode node) {
            return node;
        }
        if (value instanceof String text) {
            return nodes.textNode(text);
        }
        if (value instanceof Boolean bool) {
            return nodes.booleanNode(bool);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return nodes.numberNode(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            return nodes.numberNode(((Number) value).doubleValue());
        }
        if (value instanceof Character character) {
            return nodes.textNode(character.toString());
        }
        if (value instanceof UUID uuid) {
            return nodes.textNode(uuid.toString()); // Guid, "D" format
        }
        if (value instanceof byte[] bytes) {
            return nodes.textNode(Base64.getEncoder().encodeToString(bytes));
        }
        if (value instanceof DotNetValue.DateTime dateTime) {
            return nodes.textNode(isoDate(dateTime.value().format(SECONDS), dateTime.value().getNano())
                    + switch (dateTime.kind()) {
                        case UTC -> "Z";
                        // DateTimeUtils.WriteDateTimeString: Local writes value.GetUtcOffset(), the host's zone's.
                        case LOCAL -> "+00:00";
                        case UNSPECIFIED -> "";
                    });
        }
        if (value instanceof DotNetValue.DateTimeOffset offset) {
            String zone = offset.value().getOffset().getTotalSeconds() == 0 ? "+00:00" : offset.value().getOffset().getId();
            return nodes.textNode(isoDate(offset.value().format(SECONDS), offset.value().getNano()) + zone);
        }
        if (value instanceof DotNetValue.Opaque opaque) {
            try {
                return Json.MAPPER.readTree(opaque.json());
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("opaque binding value is not JSON: " + opaque.json(), e);
            }
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = nodes.objectNode();
            map.forEach((key, item) -> object.set(String.valueOf(key), tree(item)));
            return object;
        }
        if (value instanceof Collection<?> items) {
            ArrayNode array = nodes.arrayNode();
            items.forEach(item -> array.add(tree(item)));
            return array;
        }
        throw new IllegalArgumentException("the local host does not model how Newtonsoft.Json writes a "
                + value.getClass().getName());
    }

    /** {@code .fffffff} with trailing zeros trimmed, nothing when the fraction is zero. */
    private static String isoDate(String seconds, int nanos) {
        if (nanos == 0) {
            return seconds;
        }
        String ticks = String.format("%07d", nanos / 100);
        return seconds + "." + ticks.replaceAll("0+$", "");
    }
}
