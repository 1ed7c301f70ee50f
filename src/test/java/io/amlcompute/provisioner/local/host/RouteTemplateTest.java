package io.amlcompute.provisioner.local.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RouteTemplateTest {

    @Test
    void bindsAParameterSegmentAsTheDecodedPathHoldsItWithoutDecodingAgain() {
        // Kestrel decoded the path already; what it left encoded (%2F, a malformed escape) stays so in the value.
        assertThat(RouteTemplate.parse("compute-requests/{requestId}").match("compute-requests/req:1+2"))
                .hasValue(Map.of("requestId", "req:1+2"));
        assertThat(RouteTemplate.parse("compute-requests/{requestId}").match("compute-requests/a%2Fb%zz"))
                .hasValue(Map.of("requestId", "a%2Fb%zz"));
    }

    @ParameterizedTest(name = "{0} against {1} matches: {2}")
    @CsvSource({
            "compute-requests/{requestId}, compute-requests/abc, true",
            "compute-requests/{requestId}, Compute-Requests/abc, true",
            "compute-requests/{requestId}, compute-requests/abc/, true",
            "compute-requests/{requestId}, compute-requests/abc//, false",
            "compute-requests/{requestId}, compute-requests//abc, false",
            "compute-requests/{requestId}, compute-requests, false",
            "compute-requests/{requestId}, compute-requests/, false",
            "compute-requests/{requestId}, compute-requests/a/b, false",
            "compute-requests/{requestId}, other/abc, false",
            "items/{id?}, items, true",
            "items/{id?}, items/7, true",
            "items/{id:int}, items/7, true",
            "files/{*path}, files/a/b/c, true",
            "files/{*path}, files, true",
            "/health/, health, true",
    })
    void matchesAsTheFunctionsHostRoutes(String template, String path, boolean matches) {
        assertThat(RouteTemplate.parse(template).match(path).isPresent()).isEqualTo(matches);
    }

    @Test
    void bindsACatchAllParameterToTheRestOfThePathAndNoValueWhenNothingIsLeft() {
        assertThat(RouteTemplate.parse("files/{*path}").match("files/a/b c")).hasValue(Map.of("path", "a/b c"));
        assertThat(RouteTemplate.parse("files/{*path}").match("files")).hasValue(Map.of());
    }

    @Test
    void refusesPartialSegmentParametersAndOptionalParametersBeforeTheEnd() {
        assertThatIllegalArgumentException().isThrownBy(() -> RouteTemplate.parse("items/id-{id}"));
        assertThatIllegalArgumentException().isThrownBy(() -> RouteTemplate.parse("items/{id?}/details"));
        assertThatIllegalArgumentException().isThrownBy(() -> RouteTemplate.parse("items//{id}"));
    }
}
