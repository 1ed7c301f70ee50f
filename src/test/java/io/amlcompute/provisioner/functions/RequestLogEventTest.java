package io.amlcompute.provisioner.functions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The log vocabulary is the one place the names are declared: a line outside it fails wherever assertions run. */
class RequestLogEventTest {

    @ParameterizedTest
    @EnumSource(RequestLogEvent.class)
    void aDeclaredEventWithItsFieldsIsWrittenWithBothIds(RequestLogEvent event) {
        Map<String, Object> fields = new LinkedHashMap<>();
        event.fields().forEach(f -> fields.put(f, "x"));

        String line = RequestLog.format(event.wireName(), "req-1", "corr-1", fields);

        assertThat(line).startsWith("event=" + event.wireName() + " requestId=req-1 correlationId=corr-1");
        event.fields().forEach(f -> assertThat(line).contains(" " + f + "=x"));
    }

    @Test
    void aFieldTheEventDoesNotDeclareIsRefused() {
        assertThatThrownBy(() -> RequestLog.format("request.started", "req-1", "corr-1", Map.of("vmSize", "x")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("vmSize")
                .hasMessageContaining("RequestLogEvent");
    }

    @Test
    void anUndeclaredEventIsRefused() {
        assertThatThrownBy(() -> RequestLog.format("request.finished", "req-1", "corr-1", Map.of()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("request.finished");
    }

    @Test
    void everyFieldNameIsKnownToTheVocabulary() {
        assertThat(RequestLogEvent.allFields()).contains("event", "requestId", "correlationId", "reasons", "eventType");
        assertThat(RequestLogEvent.of("request.completed")).contains(RequestLogEvent.REQUEST_COMPLETED);
    }
}
