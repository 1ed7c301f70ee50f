package io.amlcompute.provisioner.local.chaos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bin/chaos}: several chaos runs in a row, each on a fresh data directory under {@code target/chaos}, with
 * a table of their figures in {@code target/chaos/results.md}. Exits 1 when any run found a problem.
 *
 * <pre>bin/chaos [--runs 6] [--requests 300] [--duplicates 60] [--kills 7] [--seed N]</pre>
 */
public final class ChaosMain {

    private ChaosMain() {
    }

    public static void main(String[] args) throws Exception {
        int runs = 6;
        int requests = 300;
        int duplicates = 60;
        int kills = 7;
        long seed = System.nanoTime();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--requests" -> requests = Integer.parseInt(args[i + 1]);
                case "--duplicates" -> duplicates = Integer.parseInt(args[i + 1]);
                case "--kills" -> kills = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path root = Path.of("target", "chaos");
        List<String> rows = new ArrayList<>();
        int failed = 0;
        for (int run = 0; run < runs; run++) {
            long runSeed = seed + run;
            Path dir = root.resolve("run-" + run);
            deleteRecursively(dir); // a fresh data directory: what an earlier run left must not count
            ChaosReport report = ChaosRun.run(new ChaosRun.Settings(requests, duplicates, kills, runSeed,
                    Duration.ofMillis(500), Duration.ofSeconds(6), Duration.ofSeconds(1), Duration.ofMinutes(5)), dir);
            System.out.println("run " + run + " (seed " + runSeed + "): " + report.summary());
            report.problems().forEach(problem -> System.out.println("  " + problem));
            failed += report.problems().isEmpty() ? 0 : 1;
            rows.add("| %d | %d | %d | %d | %d | %s | %d | %d | %d | %s | %.1f s | %.1f s |".formatted(run,
                    runSeed, report.requests(), report.messages(), report.kills(), report.inFlightAtKills(),
                    report.events(), report.replies(), report.computes(),
                    report.problems().isEmpty() ? "none" : report.problems().size(),
                    report.doneAfter().toMillis() / 1000.0, report.elapsed().toMillis() / 1000.0));
        }
        String table = "Chaos runs of " + Instant.now() + "\n\n"
                + "| run | seed | requests | messages | kills | in flight at each kill | events | replies | computes"
                + " | problems | all done after | whole run |\n"
                + "|---:|---:|---:|---:|---:|---|---:|---:|---:|---|---:|---:|\n" + String.join("\n", rows) + "\n";
        Files.createDirectories(root);
        Files.writeString(root.resolve("results.md"), table);
        System.out.println(table);
        System.exit(failed == 0 ? 0 : 1);
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
