package io.amlcompute.provisioner.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.contract.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the benchmark code paths working at a tiny size. It checks that the figures are coherent, never how good
 * they are: speed and cost targets live in the benchmark report, not in tests.
 */
class BenchmarksSmokeIT {

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
        // The pre-flight's reads count for this project's strategies only, and the cache keeps them few.
        PollingCostBenchmark.Result ours = report.polling().get(0);
        assertThat(ours.preflightReadsPerProvisioning()).isPositive().isLessThan(1.0);
        assertThat(fixed5.preflightReadsPerProvisioning()).isZero();
        List<EndToEndBenchmark.Run> runs = new ArrayList<>(List.of(report.endToEnd().coldBurst(),
                report.endToEnd().warmBurst()));
        runs.addAll(report.endToEnd().paced());
        assertThat(report.endToEnd().paced()).extracting(EndToEndBenchmark.Run::offeredPerSecond).isNotEmpty()
                .isSorted();
        for (EndToEndBenchmark.Run run : runs) {
            assertThat(run.completed()).as(run.mode()).isEqualTo(run.requests());
            assertThat(run.p50Millis()).as(run.mode()).isPositive().isLessThanOrEqualTo(run.p99Millis());
            assertThat(run.eventTypes()).as(run.mode()).containsOnlyKeys("io.amlcompute.compute.ready");
        }
        // Coalescing is behaviour, not speed: it must hold at any size.
        BurstCoalescingBenchmark.Result burst = report.burst();
        assertThat(burst.createPuts()).isEqualTo(burst.computes());
        assertThat(burst.requestsWithEvent()).isEqualTo(burst.distinctRequests());
        assertThat(burst.requestsWithMoreThanOneEvent()).isZero();
        assertThat(burst.eventTypes()).containsOnlyKeys("io.amlcompute.compute.ready");
        assertThat(burst.preflightReads()).as("one region, read once while the cache holds it")
                .isPositive().isLessThan(burst.distinctRequests());
        assertThat(report.footprint().secondsToFirstEvent()).isGreaterThan(report.footprint().secondsToEndpoints());
        assertThat(report.footprint().rssInFlightBytes()).isPositive();
        // The capacity model rests on one rule, checked on what the real engine did: every activity result and every
        // fired timer is one orchestrator turn, plus the turn that starts the orchestration.
        CapacityBenchmark.Measured measured = report.capacity().measured();
        assertThat(measured.turnsPerProvisioning()).isCloseTo(measured.predictedTurnsPerProvisioning(),
                org.assertj.core.data.Offset.offset(0.01));
        assertThat(measured.activitiesPerProvisioning()).as("act, at least one status read, publish")
                .isGreaterThanOrEqualTo(3);
        assertThat(report.capacity().rows()).hasSize(6);
        JsonNode json = Json.MAPPER.readTree(out.resolve("results.json").toFile());
        assertThat(json.path("capacity").path("workItemsPerProvisioning").asDouble()).isPositive();
        assertThat(json.path("historyBytesPerProvisioning").asLong()).isPositive();
        assertThat(json.path("pollingCost")).hasSize(5);
        assertThat(json.path("endToEnd").path("coldBurst").path("requests").asInt()).isEqualTo(20);
        assertThat(json.path("endToEnd").path("paced")).hasSameSizeAs(report.endToEnd().paced());
        assertThat(out.resolve("results.md")).content().contains("| fixed 10 s |");
    }
}
