package io.amlcompute.provisioner.local.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RouteTemplateTest {

    @Test
    void bindsAParameterSegmentDecoded() {
        assertThat(RouteTemplate.parse("compute-requests/{requestId}").match("compute-requests/req%3A1+2"))
                .hasValue(Map.of("requestId", "req:1+2"));
    }

    @ParameterizedTest(name = "{0} against {1} matches: {2}")
    @CsvSource({
            "compute-requests/{requestId}, compute-requests/abc, true",
            "compute-requests/{requestId}, Compute-Requests/abc, true",
            "compute-requests/{requestId}, compute-requests/abc/, true",
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
    void bindsACatchAllParameterToTheRestOfThePath() {
        assertThat(RouteTemplate.parse("files/{*path}").match("files/a/b%20c")).hasValue(Map.of("path", "a/b c"));
    }

    @Test
    void refusesPartialSegmentParametersAndOptionalParametersBeforeTheEnd() {
        assertThatIllegalArgumentException().isThrownBy(() -> RouteTemplate.parse("items/id-{id}"));
        assertThatIllegalArgumentException().isThrownBy(() -> RouteTemplate.parse("items/{id?}/details"));
        assertThatIllegalArgumentException().isThrownBy(() -> RouteTemplate.parse("items//{id}"));
    }
}
