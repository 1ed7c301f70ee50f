package io.amlcompute.provisioner.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlcompute.provisioner.contract.Json;

import java.io.IOException;
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

    public static void main(String[] args) throws IOException {
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

    /** Runs every benchmark at {@code size} and writes the report into {@code out}. */
    static Report run(String size, Path out) throws IOException {
        boolean tiny = "tiny".equals(size);
        if (!tiny && !"full".equals(size)) {
            throw new IllegalArgumentException("size must be tiny or full, got " + size);
        }
        List<PollingCostBenchmark.Result> polling = PollingCostBenchmark.run(tiny ? 60 : 5_000, 20261129L);
        Report report = new Report(size, polling);
        Files.createDirectories(out);
        Files.writeString(out.resolve("results.md"), report.markdown());
        Files.writeString(out.resolve("results.json"),
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report.json()));
        return report;
    }

    /** The figures of one run. */
    record Report(String size, List<PollingCostBenchmark.Result> polling) {

        String markdown() {
            List<String> lines = new ArrayList<>();
            lines.add("# Benchmarks (" + size + ")");
            lines.add("");
            lines.add("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                    + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch") + "; run at " + Instant.now());
            lines.add("");
            lines.add("## Polling cost (" + polling.get(0).provisionings() + " provisionings, virtual clock)");
            lines.add("");
            lines.add("Target for this project's policy: at most 1/3 of the reads of fixed 5 s polling, mean detection"
                    + " delay <= 5 s, p95 <= 20 s.");
            lines.add("");
            lines.add("| strategy | status reads / provisioning | vs fixed 5 s | delay mean | delay p95 | delay p99 |");
            lines.add("|---|---:|---:|---:|---:|---:|");
            for (PollingCostBenchmark.Result r : polling) {
                lines.add(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.1f s | %.1f s | %.1f s |", r.strategy(),
                        r.readsPerProvisioning(), r.readsVsFixed5(), r.meanDelaySeconds(), r.p95DelaySeconds(),
                        r.p99DelaySeconds()));
            }
            PollingCostBenchmark.Result ours = polling.get(0);
            boolean met = ours.readsVsFixed5() <= 1.0 / 3 && ours.meanDelaySeconds() <= 5 && ours.p95DelaySeconds() <= 20;
            lines.add("");
            lines.add("Target " + (met ? "met" : "MISSED") + String.format(Locale.ROOT,
                    ": %.2f of the reads of fixed 5 s, mean delay %.1f s, p95 %.1f s.", ours.readsVsFixed5(),
                    ours.meanDelaySeconds(), ours.p95DelaySeconds()));
            return String.join("\n", lines) + "\n";
        }

        ObjectNode json() {
            ObjectNode root = Json.MAPPER.createObjectNode();
            root.put("size", size);
            root.put("cores", Runtime.getRuntime().availableProcessors());
            root.put("java", System.getProperty("java.version"));
            ArrayNode rows = root.putArray("pollingCost");
            polling.forEach(r -> rows.add(Json.MAPPER.valueToTree(r)));
            return root;
        }
    }
}
