package io.amlcompute.provisioner.local.host.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonSyntaxException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The worker's conversion table (W3 in docs/local/functions-host.md), one rule per test. */
class WorkerConversionTest {

    @Test
    void aStringParameterGetsJsonAsItsRawTextQuotesIncluded() {
        assertThat(convert(new TypedData.Json("\"2026-12-04T10:00:00\""), String.class))
                .isEqualTo("\"2026-12-04T10:00:00\"");
        assertThat(convert(new TypedData.Json("{\"a\":1}"), String.class)).isEqualTo("{\"a\":1}");
    }

    @Test
    void aStringParameterGetsStringDataAsItIs() {
        assertThat(convert(new TypedData.Text("\"quoted\" text"), String.class)).isEqualTo("\"quoted\" text");
    }

    @Test
    void numbersFromJsonAreReadByGsonAndFromStringsParsed() {
        assertThat(convert(new TypedData.Json("1"), Integer.class)).isEqualTo(1);
        assertThat(convert(new TypedData.Json("42"), Long.class)).isEqualTo(42L);
        assertThat(convert(new TypedData.Text("7"), int.class)).isEqualTo(7);
        assertThat(convert(new TypedData.Text("7"), Long.class)).isEqualTo(7L);
    }

    @Test
    void textThatIsNotANumberEndsInTheWorkersPlainAssignmentError() {
        assertThatThrownBy(() -> convert(new TypedData.Text("seven"), Integer.class))
                .isInstanceOf(ClassCastException.class)
                .hasMessage("Cannot convert sevento type java.lang.Integer");
    }

    @Test
    void anIntBindsToIntegerButNotToLong() {
        assertThat(convert(new TypedData.Int(5), Integer.class)).isEqualTo(5);
        assertThat(convert(new TypedData.Int(5), String.class)).isEqualTo("5");
        assertThatThrownBy(() -> convert(new TypedData.Int(5), Long.class)).isInstanceOf(ClassCastException.class);
    }

    @Test
    void aMapIsReadByGsonWithEveryNumberADouble() {
        Object map = convert(new TypedData.Json("{\"team\":\"forecasting\",\"priority\":3}"), Map.class);

        assertThat(map).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) map).get("team")).isEqualTo("forecasting");
        assertThat(((Map<?, ?>) map).get("priority")).isEqualTo(3.0);
    }

    @Test
    void aPojoIsReadByGsonByFieldNameAndTextThatIsNotJsonFails() {
        Pojo pojo = (Pojo) convert(new TypedData.Json("{\"name\":\"a\",\"count\":2,\"unknown\":true}"), Pojo.class);

        assertThat(pojo.name).isEqualTo("a");
        assertThat(pojo.count).isEqualTo(2);
        assertThatThrownBy(() -> convert(new TypedData.Text("not json at all"), Pojo.class))
                .isInstanceOf(JsonSyntaxException.class);
    }

    @Test
    void emptyDataBindsAsNullOrAsAnEmptyOptional() {
        assertThat(convert(new TypedData.None(), String.class)).isNull();
        Type optionalString = OptionalHolder.class.getDeclaredFields()[0].getGenericType();
        assertThat(convert(new TypedData.None(), optionalString)).isEqualTo(Optional.empty());
        assertThat(convert(new TypedData.Text("x"), optionalString)).isEqualTo(Optional.of("x"));
    }

    @Test
    void bytesBindToByteArraysAndToStringsDecodedWithThePlatformCharset() {
        byte[] bytes = "héllo".getBytes(StandardCharsets.UTF_8);

        assertThat((byte[]) convert(new TypedData.Bytes(bytes), byte[].class)).isEqualTo(bytes);
        assertThat(convert(new TypedData.Bytes(bytes), String.class))
                .isEqualTo(new String(bytes, java.nio.charset.Charset.defaultCharset()));
    }

    @Test
    void aListOfStringsFromAJsonArrayOfObjectsIsEachElementsJsonText() {
        Type listOfStrings = ListHolder.class.getDeclaredFields()[0].getGenericType();

        assertThat(convert(new TypedData.Json("[\"a\",\"b\"]"), listOfStrings)).isEqualTo(List.of("a", "b"));
    }

    @Test
    void rootCauseMessagesNameTheDeepestCauseBySimpleName() {
        Exception wrapped = new RuntimeException("outer", new IllegalStateException("inner"));

        assertThat(WorkerConversion.rootCauseMessage(wrapped)).isEqualTo("IllegalStateException: inner");
        assertThat(WorkerConversion.rootCauseMessage(new IllegalStateException())).isEqualTo("IllegalStateException: ");
    }

    private static Object convert(TypedData data, Type type) {
        return WorkerConversion.convert(data, type, http -> {
            throw new AssertionError("no http here");
        });
    }

    static final class Pojo {
        String name;
        int count;
    }

    static final class OptionalHolder {
        Optional<String> value;
    }

    static final class ListHolder {
        List<String> value;
    }
}
