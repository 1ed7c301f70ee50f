package io.amlcompute.provisioner.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.functions.HistorySizeProbe;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the benchmarks and writes {@code target/bench/results.md} and {@code results.json}. Run with
 * {@code bin/bench} (full size) or {@code bin/bench --size tiny} (what CI runs to keep the code paths working).
 * Benchmarks measure; they assert nothing about speed. The targets are printed beside the figures.
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        String size = "full";
        Path out = Path.of("target", "bench");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--size" -> size = args[++i];
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; use --size tiny|full and --out DIR");
            }
        }
        Report report = run(size, out);
        System.out.println(report.markdown());
        System.out.println("Written: " + out.resolve("results.md") + " and " + out.resolve("results.json"));
    }

    /** Status reads of the typical ensure whose history is measured. */
    static final int HISTORY_POLLS = 10;

    /** Runs every benchmark at {@code size} and writes the report into {@code out}. */
    static Report run(String size, Path out) throws Exception {
        boolean tiny = "tiny".equals(size);
        if (!tiny && !"full".equals(size)) {
            throw new IllegalArgumentException("size must be tiny or full, got " + size);
        }
        List<PollingCostBenchmark.Result> polling = PollingCostBenchmark.run(tiny ? 60 : 5_000, 20261129L);
        EndToEndBenchmark.Result endToEnd = EndToEndBenchmark.run(tiny ? EndToEndBenchmark.Plan.tiny()
                : EndToEndBenchmark.Plan.full());
        BurstCoalescingBenchmark.Result burst = BurstCoalescingBenchmark.run(tiny ? 40 : 1_000, tiny ? 5 : 50, 7L);
        FootprintBenchmark.Result footprint = FootprintBenchmark.run(tiny ? 20 : 1_000);
        CapacityBenchmark.Result capacity = CapacityBenchmark.run(tiny ? 5 : 50, polling.get(0));
        long historyBytes = HistorySizeProbe.typicalEnsure(HISTORY_POLLS);
        Report report = new Report(size, polling, endToEnd, burst, footprint, capacity, historyBytes);
        Files.createDirectories(out);
        Files.writeString(out.resolve("results.md"), report.markdown());
        Files.writeString(out.resolve("results.json"),
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report.json()));
        return report;
    }

    /** The figures of one run. */
    record Report(String size, List<PollingCostBenchmark.Result> polling, EndToEndBenchmark.Result endToEnd,
                  BurstCoalescingBenchmark.Result burst, FootprintBenchmark.Result footprint,
                  CapacityBenchmark.Result capacity, long historyBytesPerProvisioning) {

        String markdown() {
            List<String> lines = new ArrayList<>();
            lines.add("# Benchmarks (" + size + ")");
            lines.add("");
            lines.add("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                    + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch") + ", JVM options " + jvmOptions() + "; run at " + Instant.now());
            lines.add("");
            lines.add("## Polling cost (" + polling.get(0).provisionings() + " provisionings, virtual clock)");
            lines.add("");
            lines.add("Target for this project's policy: at most 1/3 of the reads of fixed 5 s polling, mean detection"
                    + " delay <= 5 s, p95 <= 20 s. Its reads include the region pre-flight's (vmSizes, usages, quotas"
                    + " before each create; cached " + io.amlcompute.provisioner.provisioning.preflight.PreflightPolicy
                    .DEFAULT_CACHE_TTL.toSeconds() + " s per region; a request every "
                    + PollingCostBenchmark.ARRIVAL_EVERY.toSeconds() + " s).");
            lines.add("");
            lines.add("| strategy | status reads / provisioning | pre-flight reads / provisioning | vs fixed 5 s (all"
                    + " reads) | delay mean | delay p95 | delay p99 |");
            lines.add("|---|---:|---:|---:|---:|---:|---:|");
            for (PollingCostBenchmark.Result r : polling) {
                lines.add(String.format(Locale.ROOT, "| %s | %.2f | %.3f | %.2f | %.1f s | %.1f s | %.1f s |",
                        r.strategy(), r.readsPerProvisioning(), r.preflightReadsPerProvisioning(), r.readsVsFixed5(),
                        r.meanDelaySeconds(), r.p95DelaySeconds(), r.p99DelaySeconds()));
            }
            PollingCostBenchmark.Result ours = polling.get(0);
            boolean met = ours.readsVsFixed5() <= 1.0 / 3 && ours.meanDelaySeconds() <= 5 && ours.p95DelaySeconds() <= 20;
            lines.add("");
            lines.add("Target " + (met ? "met" : "MISSED") + String.format(Locale.ROOT,
                    ": %.2f of the reads of fixed 5 s, mean delay %.1f s, p95 %.1f s.", ours.readsVsFixed5(),
                    ours.meanDelaySeconds(), ours.p95DelaySeconds()));
            lines.add("");
            lines.add("## End to end (local stack, zero provisioning time)");
            lines.add("");
            lines.add("Burst: all requests at once, on a fresh stack, first in a cold JVM, then again in the same JVM."
                    + " Paced: the same number of requests at one rate, each rate on a fresh stack, rising until a"
                    + " rate is not kept up with (events fall behind it, or latency grows while the run lasts).");
            lines.add("");
            lines.add("| run | requests | completed | requests/s | latency p50 | latency p99 | latency max | kept up |"
                    + " events |");
            lines.add("|---|---:|---:|---:|---:|---:|---:|---|---|");
            List<EndToEndBenchmark.Run> runs = new ArrayList<>(List.of(endToEnd.coldBurst(), endToEnd.warmBurst()));
            runs.addAll(endToEnd.paced());
            for (EndToEndBenchmark.Run run : runs) {
                lines.add(String.format(Locale.ROOT, "| %s | %d | %d | %.1f | %.0f ms | %.0f ms | %.0f ms | %s | %s |",
                        run.mode(), run.requests(), run.completed(), run.requestsPerSecond(), run.p50Millis(),
                        run.p99Millis(), run.maxMillis(), run.offeredPerSecond() == 0 ? "n/a (burst)"
                                : run.keptUp() ? "yes" : "no", run.eventTypes()));
            }
            lines.add("");
            // Judged twice, plainly: at the highest paced rate kept up with (sustained), and for a burst of the same
            // number of requests sent at once (what a pipeline that sends everything together sees).
            EndToEndBenchmark.Run sustained = endToEnd.sustained();
            lines.add(verdict(sustained != null && sustained.offeredPerSecond() >= 100, sustained == null
                    ? ">= 100 requests/s sustained on " + cores() + " cores (no paced rate was kept up with)"
                    : String.format(Locale.ROOT, ">= 100 requests/s sustained on %d cores (highest paced rate kept"
                            + " up with: %s, %.1f/s measured)", cores(), sustained.mode(),
                            sustained.requestsPerSecond())));
            lines.add(verdict(sustained != null && sustained.p99Millis() <= 1_000, sustained == null
                    ? "p99 <= 1 s at a sustained rate (no paced rate was kept up with)"
                    : String.format(Locale.ROOT, "p99 <= 1 s at the sustained rate (%s: p99 %.0f ms)",
                            sustained.mode(), sustained.p99Millis())));
            for (EndToEndBenchmark.Run burst : List.of(endToEnd.coldBurst(), endToEnd.warmBurst())) {
                lines.add(verdict(burst.requestsPerSecond() >= 100 && burst.p99Millis() <= 1_000,
                        String.format(Locale.ROOT, ">= 100 requests/s and p99 <= 1 s for %d requests sent at once"
                                + " (%s: %.1f/s, p99 %.0f ms)", burst.requests(), burst.mode(),
                                burst.requestsPerSecond(), burst.p99Millis())));
            }
            lines.add("");
            lines.add("## Burst coalescing (" + burst.messages() + " messages, " + burst.distinctRequests()
                    + " distinct requests, " + burst.computes() + " computes)");
            lines.add("");
            lines.add("| create PUTs | ARM 409s | pre-flight reads | requests with an event | with more than one |"
                    + " events | seconds |");
            lines.add("|---:|---:|---:|---:|---:|---|---:|");
            lines.add(String.format(Locale.ROOT, "| %d | %d | %d | %d | %d | %s | %.1f |", burst.createPuts(),
                    burst.conflicts409(), burst.preflightReads(), burst.requestsWithEvent(),
                    burst.requestsWithMoreThanOneEvent(), burst.eventTypes(), burst.seconds()));
            lines.add("");
            boolean noneFailed = burst.eventTypes().keySet().stream().allMatch(t -> t.endsWith(".ready"));
            lines.add(verdict(burst.createPuts() == burst.computes() && noneFailed
                            && burst.requestsWithEvent() == burst.distinctRequests()
                            && burst.requestsWithMoreThanOneEvent() == 0,
                    "exactly one create PUT per compute, no failed request, one event per request"));
            lines.add("");
            lines.add("## Footprint");
            lines.add("");
            lines.add("| deployable folder | JVM start to endpoints | JVM start to first processed message |"
                    + " RSS idle | RSS with " + footprint.inFlight() + " orchestrations in flight |");
            lines.add("|---:|---:|---:|---:|---:|");
            lines.add(String.format(Locale.ROOT, "| %s | %.1f s | %.1f s | %d MB | %d MB |",
                    footprint.deployableBytes() < 0 ? "n/a (run mvn package)"
                            : String.format(Locale.ROOT, "%.1f MB", footprint.deployableBytes() / 1e6),
                    footprint.secondsToEndpoints(), footprint.secondsToFirstEvent(),
                    footprint.rssIdleBytes() / 1_000_000, footprint.rssInFlightBytes() / 1_000_000));
            lines.add("");
            lines.add(verdict(footprint.deployableBytes() >= 0 && footprint.deployableBytes() <= 40_000_000,
                    "deployable folder <= 40 MB"));
            lines.add(verdict(footprint.secondsToFirstEvent() <= 3, "JVM start to first processed message <= 3 s"));
            lines.add(verdict(footprint.rssInFlightBytes() <= 512_000_000L,
                    "RSS <= 512 MB with " + footprint.inFlight() + " orchestrations in flight"));
            lines.addAll(capacityLines(capacity));
            lines.add("");
            lines.add("## Orchestration history");
            lines.add("");
            lines.add(String.format(Locale.ROOT, "One ensure of the README's sample with a reply and %d status reads:"
                    + " %,d bytes of history (the real orchestrator and replay engine; protobuf sizes of the events and"
                    + " the output).", HISTORY_POLLS, historyBytesPerProvisioning));
            lines.add("");
            lines.add(verdict(historyBytesPerProvisioning < 16_384, "history of a typical ensure with 10 polls < 16 KB"));
            return String.join("\n", lines) + "\n";
        }

        private static List<String> capacityLines(CapacityBenchmark.Result c) {
            List<String> lines = new ArrayList<>();
            CapacityBenchmark.Measured m = c.measured();
            lines.add("");
            lines.add("## Capacity per Durable backend");
            lines.add("");
            lines.add(String.format(Locale.ROOT, "Measured on the local stack (%d ensures, 3 s provisioning): %.2f"
                            + " orchestrator turns, %.2f activities, %.2f timers per provisioning; one task awaited"
                            + " at a time predicts %.2f turns.", m.provisionings(), m.turnsPerProvisioning(),
                    m.activitiesPerProvisioning(), m.timersPerProvisioning(), m.predictedTurnsPerProvisioning()));
            lines.add(String.format(Locale.ROOT, "Realistic workload (polling benchmark, this project's policy): %.2f"
                            + " activities and %.2f timers, so %.2f turns and %.2f work items per provisioning.",
                    c.realisticActivities(), c.realisticTimers(), c.turnsPerProvisioning(),
                    c.workItemsPerProvisioning()));
            lines.add("");
            lines.add("| backend (EP2, published) | workers | work items/s | provisionings/s | per worker |");
            lines.add("|---|---:|---:|---:|---:|");
            for (CapacityBenchmark.Row row : c.rows()) {
                lines.add(String.format(Locale.ROOT, "| %s | %d | %,.0f | %.0f | %.0f |", row.backend(),
                        row.workers(), row.workItemsPerSecond(), row.provisioningsPerSecond(),
                        row.provisioningsPerSecondPerWorker()));
            }
            lines.add("");
            lines.add(String.format(Locale.ROOT, "Scheduler SKU ceilings: Consumption %.0f provisionings/s, Dedicated"
                            + " %.0f per capacity unit.", c.consumptionSkuProvisioningsPerSecond(),
                    c.dedicatedProvisioningsPerSecondPerCapacityUnit()));
            return lines;
        }

        private static int cores() {
            return Runtime.getRuntime().availableProcessors();
        }

        private static List<String> jvmOptions() {
            return ManagementFactory.getRuntimeMXBean().getInputArguments();
        }

        private static String verdict(boolean met, String target) {
            return (met ? "Target met: " : "Target MISSED: ") + target + ".";
        }

        ObjectNode json() {
            ObjectNode root = Json.MAPPER.createObjectNode();
            root.put("size", size);
            root.put("cores", Runtime.getRuntime().availableProcessors());
            root.put("java", System.getProperty("java.version"));
            root.set("jvmOptions", Json.MAPPER.valueToTree(jvmOptions()));
            ArrayNode rows = root.putArray("pollingCost");
            polling.forEach(r -> rows.add(Json.MAPPER.valueToTree(r)));
            root.set("endToEnd", Json.MAPPER.valueToTree(endToEnd));
            root.set("burstCoalescing", Json.MAPPER.valueToTree(burst));
            root.set("footprint", Json.MAPPER.valueToTree(footprint));
            root.set("capacity", Json.MAPPER.valueToTree(capacity));
            root.put("historyBytesPerProvisioning", historyBytesPerProvisioning);
            return root;
        }
    }
}
