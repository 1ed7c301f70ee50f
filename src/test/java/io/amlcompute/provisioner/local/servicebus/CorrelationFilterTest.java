package io.amlcompute.provisioner.local.servicebus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CorrelationFilterTest {

    private static final MessageFacts READY_IN_WESTEUROPE = new MessageFacts("m-1", "req-42", "ComputeReady",
            "to-x", "replies", "caller-7", "session-1", "application/cloudevents+json",
            Map.of("region", "westeurope", "attempt", 2L, "final", true), null, null);

    static Stream<Arguments> filters() {
        return Stream.of(
                Arguments.of(CorrelationFilter.builder().subject("ComputeReady").build(), true),
                Arguments.of(CorrelationFilter.builder().subject("ComputeFailed").build(), false),
                Arguments.of(CorrelationFilter.builder().correlationId("req-42").build(), true),
                Arguments.of(CorrelationFilter.builder().messageId("m-1").to("to-x").replyTo("replies")
                        .replyToSessionId("caller-7").sessionId("session-1")
                        .contentType("application/cloudevents+json").build(), true),
                Arguments.of(CorrelationFilter.builder().property("region", "westeurope").build(), true),
                Arguments.of(CorrelationFilter.builder().property("region", "WestEurope").build(), false),
                Arguments.of(CorrelationFilter.builder().property("attempt", 2).build(), true),
                Arguments.of(CorrelationFilter.builder().property("attempt", 2.0).build(), true),
                Arguments.of(CorrelationFilter.builder().property("final", true).build(), true),
                Arguments.of(CorrelationFilter.builder().property("missing", "x").build(), false),
                Arguments.of(CorrelationFilter.builder().subject("ComputeReady").property("region", "eastus")
                        .build(), false));
    }

    @ParameterizedTest
    @MethodSource("filters")
    void matchesWhenEveryConditionHolds(CorrelationFilter filter, boolean matches) {
        assertThat(filter.matches(READY_IN_WESTEUROPE)).isEqualTo(matches);
    }

    @Test
    void needsAtLeastOneCondition() {
        assertThatThrownBy(() -> CorrelationFilter.builder().build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
