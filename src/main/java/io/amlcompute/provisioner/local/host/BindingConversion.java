package io.amlcompute.provisioner.local.host;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.amlcompute.provisioner.contract.Json;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Turns a binding value into the type a parameter declares, the way the Functions Java worker does for the
 * values this app uses: strings as they are, numbers and times to text or back, maps as JSON text.
 */
final class BindingConversion {

    private BindingConversion() {
    }

    static Object convert(Object value, Type target) {
        Class<?> type = rawType(target);
        if (value == null) {
            return type.isPrimitive() ? primitiveDefault(type) : null;
        }
        if (type == String.class) {
            return asText(value);
        }
        if ((type == Integer.class || type == int.class) && value instanceof Number number) {
            return number.intValue();
        }
        if ((type == Long.class || type == long.class) && value instanceof Number number) {
            return number.longValue();
        }
        if (type == Instant.class && value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (type == OffsetDateTime.class && value instanceof Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        if (type.isInstance(value) || (type.isPrimitive() && boxed(type).isInstance(value))) {
            return value;
        }
        throw new IllegalArgumentException("cannot bind a " + value.getClass().getSimpleName() + " to a parameter of type "
                + target.getTypeName());
    }

    static Class<?> rawType(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        throw new IllegalArgumentException("unsupported parameter type " + type.getTypeName());
    }

    private static String asText(Object value) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant().toString();
        }
        if (value instanceof Map<?, ?> map) {
            try {
                return Json.MAPPER.writeValueAsString(map);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("cannot write a map binding value as JSON", e);
            }
        }
        return String.valueOf(value);
    }

    private static Object primitiveDefault(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == char.class) {
            return '\0';
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == double.class) {
            return 0.0;
        }
        if (type == float.class) {
            return 0.0f;
        }
        if (type == byte.class) {
            return (byte) 0;
        }
        if (type == short.class) {
            return (short) 0;
        }
        return 0;
    }

    private static Class<?> boxed(Class<?> primitive) {
        return switch (primitive.getName()) {
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "boolean" -> Boolean.class;
            case "double" -> Double.class;
            case "float" -> Float.class;
            case "short" -> Short.class;
            case "byte" -> Byte.class;
            default -> Character.class;
        };
    }
}
