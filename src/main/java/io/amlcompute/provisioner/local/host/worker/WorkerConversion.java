package io.amlcompute.provisioner.local.host.worker;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import com.microsoft.azure.functions.HttpRequestMessage;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How the Java worker turns one {@link TypedData} into the value of a parameter of a given type. The kind of data
 * decides, then the parameter's raw type: each kind has a few registered conversions (the tables below); any other
 * type is read from the value's text with the worker's default {@code new Gson()}; a conversion that fails counts as
 * no value; and no value ends in the worker's plain assignment, which throws
 * {@code ClassCastException("Cannot convert <value>to type <type>")} (no space before "to": the worker's text).
 *
 * <p>Sources, at {@value JavaWorker#SOURCE}: {@code binding/DataOperations.java} (apply, convertFromJson,
 * generalAssignment), {@code binding/DataSource.java} (computeByType: {@code Optional<T>} unwrapped),
 * {@code binding/RpcStringDataSource.java}, {@code RpcJsonDataSource.java}, {@code RpcIntegerDataSource.java},
 * {@code RpcRealNumberDataSource.java}, {@code RpcByteArrayDataSource.java}, {@code RpcHttpRequestDataSource.java}.
 */
final class WorkerConversion {

    /** {@code RpcJsonDataSource.gson}: Gson's defaults, version 2.9.0 (the worker's, ahead of the app's on the class path). */
    static final Gson GSON = new Gson();

    private static final Logger SYSTEM_LOG = Logger.getLogger(JavaWorker.class.getName());

    /** The worker's sentinel for "bound to null" ({@code ObjectUtils.NULL}), distinct from "no value". */
    private static final Object NULL = new Object();

    private WorkerConversion() {
    }

    /**
     * The parameter value, or null (the worker binds {@link TypedData.None} as null, {@code Optional.empty()} for an
     * {@code Optional} parameter).
     *
     * @throws RuntimeException as the worker throws it: ClassCastException, Gson's JsonSyntaxException, ...
     */
    static Object convert(TypedData data, Type target, Function<RpcHttp, HttpRequestMessage<?>> requests) {
        boolean optional = rawType(target) == Optional.class;
        Type effective = optional ? optionalArgument(target) : target;
        Object value = apply(data, effective, requests);
        if (value == NULL) {
            value = null;
        }
        return optional ? Optional.ofNullable(value) : value;
    }

    private static Object apply(TypedData data, Type target, Function<RpcHttp, HttpRequestMessage<?>> requests) {
        if (data instanceof TypedData.None) {
            return NULL;
        }
        Object source = sourceValue(data);
        Object converted = registered(data, source, target, requests);
        if (converted == NO_OPERATION) {
            converted = fromText(source, target);
        }
        return converted != null ? converted : generalAssignment(source, target);
    }

    private static final Object NO_OPERATION = new Object();

    /**
     * The conversions registered for each kind. A registered one that throws is logged to the worker's system log
     * and counts as no value ({@code CheckedBiFunction.tryApply}).
     */
    private static Object registered(TypedData data, Object source, Type target,
                                     Function<RpcHttp, HttpRequestMessage<?>> requests) {
        Class<?> raw = rawType(target);
        try {
            if (data instanceof TypedData.Text text) {
                return fromStringSource(text.value(), raw);
            }
            if (data instanceof TypedData.Json json) {
                if (raw == String.class) {
                    return json.value(); // the raw JSON text, quotes and all
                }
                if (raw == String[].class) {
                    return stringArray(json.value(), target);
                }
                return NO_OPERATION;
            }
            if (data instanceof TypedData.Int integer) {
                long value = integer.value();
                if (raw == Integer.class || raw == int.class) {
                    return (int) value;
                }
                if (raw == Short.class || raw == short.class) {
                    return (short) value;
                }
                if (raw == Byte.class || raw == byte.class) {
                    return (byte) value;
                }
                if (raw == String.class) {
                    return Long.toString(value);
                }
                return NO_OPERATION; // no Long/long entry: the text path's String cast then fails
            }
            if (data instanceof TypedData.Real real) {
                if (raw == Float.class || raw == float.class) {
                    return (float) real.value();
                }
                if (raw == String.class) {
                    return Double.toString(real.value());
                }
                return NO_OPERATION;
            }
            if (data instanceof TypedData.Bytes bytes) {
                if (raw == byte[].class) {
                    return bytes.value();
                }
                if (raw == Byte[].class) {
                    byte[] value = bytes.value();
                    Byte[] boxed = new Byte[value.length];
                    for (int i = 0; i < value.length; i++) {
                        boxed[i] = value[i];
                    }
                    return boxed;
                }
                if (raw == String.class) {
                    return new String(bytes.value(), Charset.defaultCharset());
                }
                return NO_OPERATION;
            }
            if (data instanceof TypedData.Http http) {
                // Only HttpRequestMessage is registered; any other type takes the text path, whose cast throws.
                return HttpRequestMessage.class.isAssignableFrom(raw) ? requests.apply(http.value()) : NO_OPERATION;
            }
        } catch (RuntimeException e) {
            SYSTEM_LOG.log(Level.WARNING, rootCauseMessage(e));
            return null;
        }
        throw new IllegalStateException("unmodelled TypedData " + data);
    }

    /** {@code RpcStringDataSource}: numbers parsed, String as it is; other types go the Gson way. */
    private static Object fromStringSource(String value, Class<?> raw) {
        if (raw == String.class) {
            return value;
        }
        if (raw == Long.class || raw == long.class) {
            return Long.parseLong(value);
        }
        if (raw == Integer.class || raw == int.class) {
            return Integer.parseInt(value);
        }
        if (raw == Short.class || raw == short.class) {
            return Short.parseShort(value);
        }
        if (raw == Byte.class || raw == byte.class) {
            return Byte.parseByte(value);
        }
        if (raw == Double.class || raw == double.class) {
            return Double.parseDouble(value);
        }
        if (raw == Float.class || raw == float.class) {
            return Float.parseFloat(value);
        }
        return NO_OPERATION;
    }

    /**
     * No registered conversion: the value's text read by Gson into the raw type (a collection element by element).
     * The value must be text (or bytes, decoded with the platform charset); a number or an http value is cast to
     * String anyway, and that cast throws, as in the worker.
     */
    private static Object fromText(Object source, Type target) {
        String text = source instanceof byte[] bytes ? new String(bytes, Charset.defaultCharset()) : (String) source;
        Class<?> raw = rawType(target);
        if (Collection.class.isAssignableFrom(raw)) {
            Type element = target instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
            if (!(element instanceof Class<?> elementClass)) {
                throw new ClassCastException(element.getClass().getName() + " cannot be cast to java.lang.Class");
            }
            try {
                List<Object> list = new ArrayList<>();
                JsonArray array = JsonParser.parseString(text).getAsJsonArray();
                array.forEach(item -> list.add(GSON.fromJson(item, elementClass)));
                return list;
            } catch (RuntimeException e) {
                return fromJson(text, target);
            }
        }
        return fromJson(text, raw);
    }

    private static Object fromJson(String text, Type target) {
        try {
            return GSON.fromJson(text, target);
        } catch (JsonSyntaxException e) {
            if (Collection.class.isAssignableFrom(rawType(target))) {
                return stringArray(text, target);
            }
            throw e;
        }
    }

    /** {@code RpcJsonDataSource.convertToStringArrayOrList}: Gson first, else each element's JSON text. */
    private static Object stringArray(String json, Type target) {
        try {
            return GSON.fromJson(json, target);
        } catch (JsonSyntaxException e) {
            List<String> items = new ArrayList<>();
            JsonParser.parseString(json).getAsJsonArray().forEach(item -> items.add(item.toString()));
            return Collection.class.isAssignableFrom(rawType(target)) ? items : items.toArray(new String[0]);
        }
    }

    private static Object generalAssignment(Object value, Type target) {
        if (rawType(target).isAssignableFrom(value.getClass())) {
            return value;
        }
        throw new ClassCastException("Cannot convert " + value + "to type " + target.getTypeName());
    }

    /** The value a worker data source holds for each kind (text for string and json, a Long for int, ...). */
    private static Object sourceValue(TypedData data) {
        if (data instanceof TypedData.Text text) {
            return text.value();
        }
        if (data instanceof TypedData.Json json) {
            return json.value();
        }
        if (data instanceof TypedData.Int integer) {
            return integer.value();
        }
        if (data instanceof TypedData.Real real) {
            return real.value();
        }
        if (data instanceof TypedData.Bytes bytes) {
            return bytes.value();
        }
        if (data instanceof TypedData.Http http) {
            return http.value();
        }
        throw new IllegalStateException("unmodelled TypedData " + data);
    }

    static Class<?> rawType(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        throw new IllegalArgumentException("the local host does not model parameters of type " + type.getTypeName());
    }

    private static Type optionalArgument(Type optional) {
        return optional instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
    }

    /** commons-lang3 {@code ExceptionUtils.getRootCauseMessage}: {@code <ShortClassName>: <message or "">} of the deepest cause. */
    static String rootCauseMessage(Throwable thrown) {
        Throwable root = thrown;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String name = root.getClass().getName();
        String shortName = name.substring(name.lastIndexOf('.') + 1).replace('$', '.');
        return shortName + ": " + (root.getMessage() == null ? "" : root.getMessage());
    }
}
