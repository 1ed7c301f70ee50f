package io.amlcompute.provisioner.local.chaos;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One chaos run: the whole local stack in a child JVM on one data directory, the plan's messages sent in waves,
 * and between two waves, after a random pause and once some request is in flight, the stack killed with SIGKILL
 * and started again on the same directory. After the last wave the stack runs until every request is done, then
 * {@link ChaosCheck} reads what a producer and a consumer can see and lists every way the run fell short: a request
 * without exactly one event or with the wrong one, a reply missing or doubled, a dead letter, a compute missing or
 * extra, a secret in any output.
 */
final class ChaosRun {

    /**
     * @param requests       distinct requests
     * @param duplicates     extra messages re-sending one of them
     * @param kills          SIGKILLs, one after each wave but the last
     * @param killPauseMin   the shortest pause between a wave and the kill after it
     * @param killPauseMax   the longest
     * @param provisioningTime how long the ARM emulator takes to provision
     * @param completion     how long the last stack may take to finish every request
     */
    record Settings(int requests, int duplicates, int kills, long seed, Duration killPauseMin,
                    Duration killPauseMax, Duration provisioningTime, Duration completion) {
    }

    private ChaosRun() {
    }

    static ChaosReport run(Settings settings, Path workDirectory) throws IOException, InterruptedException {
        long started = System.nanoTime();
        ChaosPlan plan = ChaosPlan.of(settings.requests(), settings.duplicates(), settings.seed());
        Random random = new Random(settings.seed() ^ 0x5DEECE66DL);
        Path data = workDirectory.resolve("data");
        Path logs = workDirectory.resolve("logs");
        List<Path> outputs = new ArrayList<>();
        List<Path> stderrs = new ArrayList<>();
        List<Integer> inFlightAtKills = new ArrayList<>();
        List<List<ChaosPlan.Send>> waves = waves(plan.sends(), settings.kills() + 1);
        StackProcess stack = null;
        int starts = 0;
        try {
            stack = StackProcess.start(data, logs, "stack-" + starts++, settings.provisioningTime());
            addOutputs(outputs, stderrs, stack);
            long firstSend = System.nanoTime();
            for (int w = 0; w < waves.size(); w++) {
                try (ChaosClients clients = new ChaosClients(stack.endpoints())) {
                    clients.send(waves.get(w));
                }
                if (w < waves.size() - 1) {
                    Thread.sleep(pause(settings, random).toMillis());
                    awaitWorkInFlight(stderrs);
                    stack.kill();
                    inFlightAtKills.add(ChaosCheck.inFlight(stderrs));
                    stack = StackProcess.start(data, logs, "stack-" + starts++, settings.provisioningTime());
                    addOutputs(outputs, stderrs, stack);
                }
            }
            ChaosReport.Observed observed;
            Duration doneAfter;
            try (ChaosClients clients = new ChaosClients(stack.endpoints())) {
                clients.awaitDone(plan, settings.completion());
                doneAfter = Duration.ofNanos(System.nanoTime() - firstSend);
                observed = clients.observe(plan);
            }
            boolean stoppedCleanly = stack.stop();
            return ChaosCheck.check(plan, observed, outputs, inFlightAtKills, starts, stoppedCleanly, doneAfter,
                    Duration.ofNanos(System.nanoTime() - started));
        } finally {
            if (stack != null) {
                stack.killIfAlive();
            }
        }
    }

    /** The messages in {@code count} consecutive waves of about the same size. */
    static List<List<ChaosPlan.Send>> waves(List<ChaosPlan.Send> sends, int count) {
        List<List<ChaosPlan.Send>> waves = new ArrayList<>();
        for (int w = 0; w < count; w++) {
            waves.add(sends.subList(w * sends.size() / count, (w + 1) * sends.size() / count));
        }
        return waves;
    }

    /**
     * Waits (30 s at most) until some request has started and not completed, so that the kill interrupts work: on a
     * loaded machine a random pause alone can end before the stack has taken any message of the wave.
     */
    private static void awaitWorkInFlight(List<Path> stderrs) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (ChaosCheck.inFlight(stderrs) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private static Duration pause(Settings settings, Random random) {
        long min = settings.killPauseMin().toMillis();
        long max = settings.killPauseMax().toMillis();
        return Duration.ofMillis(min + (max > min ? (long) (random.nextDouble() * (max - min)) : 0));
    }

    private static void addOutputs(List<Path> outputs, List<Path> stderrs, StackProcess stack) {
        outputs.add(stack.stdout());
        outputs.add(stack.stderr());
        stderrs.add(stack.stderr());
    }
}
