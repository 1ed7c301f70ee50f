package io.amlcompute.provisioner.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.contract.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the benchmark code paths working at a tiny size. It checks that the figures are coherent, never how good
 * they are: speed and cost targets live in the benchmark report, not in tests.
 */
class BenchmarksSmokeTest {

    @Test
    void tinyRunWritesCoherentFiguresForEveryStrategy(@TempDir Path out) throws Exception {
        Benchmarks.Report report = Benchmarks.run("tiny", out);

        assertThat(report.polling()).extracting(PollingCostBenchmark.Result::strategy)
                .containsExactly("adaptive, learning (this project)", "adaptive, defaults only", "fixed 5 s",
                        "fixed 10 s", "fixed 30 s");
        PollingCostBenchmark.Result fixed5 = report.polling().get(2);
        PollingCostBenchmark.Result fixed30 = report.polling().get(4);
        assertThat(fixed5.readsVsFixed5()).isEqualTo(1.0);
        // Fixed polling notices a completion within one interval.
        assertThat(fixed5.p99DelaySeconds()).isLessThanOrEqualTo(5.0);
        assertThat(fixed30.p99DelaySeconds()).isLessThanOrEqualTo(30.0);
        assertThat(fixed30.readsPerProvisioning()).isLessThan(fixed5.readsPerProvisioning());
        JsonNode json = Json.MAPPER.readTree(out.resolve("results.json").toFile());
        assertThat(json.path("pollingCost")).hasSize(5);
        assertThat(out.resolve("results.md")).content().contains("| fixed 10 s |");
    }
}
