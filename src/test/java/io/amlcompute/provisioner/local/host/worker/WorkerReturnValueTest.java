package io.amlcompute.provisioner.local.host.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.azure.functions.HttpStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the worker sends back for a return value (W5 in docs/local/functions-host.md). */
class WorkerReturnValueTest {

    @Test
    void eachRuntimeClassHasItsKind() {
        assertThat(WorkerReturnValue.of(null)).isEqualTo(new TypedData.Json("null"));
        assertThat(WorkerReturnValue.of("text")).isEqualTo(new TypedData.Text("text"));
        assertThat(WorkerReturnValue.of(5)).isEqualTo(new TypedData.Int(5));
        assertThat(WorkerReturnValue.of(5L)).isEqualTo(new TypedData.Int(5));
        assertThat(WorkerReturnValue.of(2.5)).isEqualTo(new TypedData.Real(2.5));
        assertThat(WorkerReturnValue.of(new byte[]{1, 2})).isEqualTo(new TypedData.Bytes(new byte[]{1, 2}));
        assertThat(WorkerReturnValue.of(Boolean.TRUE)).isEqualTo(new TypedData.Json("true"));
    }

    @Test
    void aMapIsWrittenByGsonWithoutItsNullsAndWithHtmlCharactersEscaped() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("a", 1);
        map.put("gone", null);
        map.put("html", "<b>");

        assertThat(WorkerReturnValue.of(map)).isEqualTo(new TypedData.Json("{\"a\":1,\"html\":\"\\u003cb\\u003e\"}"));
    }

    @Test
    void anObjectWithAJavaTimeFieldCannotBeWrittenUnderJava17() {
        assertThatThrownBy(() -> WorkerReturnValue.of(new WithInstant(Instant.EPOCH))).isInstanceOf(RuntimeException.class);
    }

    @Test
    void theWorkersOwnResponseBecomesHttpWithItsStatusAsText() {
        WorkerHttpResponse response = new WorkerHttpResponse().status(HttpStatus.NOT_FOUND).header("X-A", "1")
                .body("{\"error\":1}");

        TypedData.Http http = (TypedData.Http) WorkerReturnValue.of(response);

        assertThat(http.value().statusCode()).isEqualTo("404");
        assertThat(http.value().headers()).containsEntry("X-A", "1");
        assertThat(http.value().body()).isEqualTo(new TypedData.Text("{\"error\":1}"));
    }

    record WithInstant(Instant at) {
    }
}
