package io.amlcompute.provisioner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.contract.validation.Samples;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code computectl local --demo}: the README's quick start, end to end through the real app on a fresh stack. */
class LocalDemoIT {

    @Test
    void demoSendsTheSamplesAndPassesWhenEveryEventIsTheExpectedOne() {
        CliRun.Result demo = CliRun.run(Map.of(), "local", "--demo", "--provisioning-time", "2s");

        assertThat(demo.exitCode()).as(demo.err()).isZero();
        List<JsonNode> events = demo.out().lines().map(Samples::tree).toList();
        assertThat(events).extracting(e -> e.path("type").asText() + "/" + e.path("data").path("outcome").asText())
                .containsExactlyInAnyOrder("io.amlcompute.compute.ready/created", "io.amlcompute.compute.ready/existing",
                        "io.amlcompute.compute.ready/attached", "io.amlcompute.compute.ready/attached",
                        "io.amlcompute.request.rejected/rejected");
        assertThat(demo.err()).contains("demo: 5 of 5 as expected").contains("computectl local: stopped")
                .doesNotContain("Exception");
    }
}
