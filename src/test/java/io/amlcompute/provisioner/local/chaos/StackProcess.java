package io.amlcompute.provisioner.local.chaos;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.local.LocalStack;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The whole local stack in a child JVM ({@link LocalStack}'s main) on a data directory, as {@code computectl local}
 * runs it: started, killed with SIGKILL ({@link Process#destroyForcibly()} on Linux), stopped with SIGTERM.
 */
public final class StackProcess {

    private static final Duration START = Duration.ofSeconds(90);

    /** What the stack printed on its first line, the endpoints a producer and a consumer need. */
    public record Endpoints(String serviceBusConnectionString, URI armEndpoint, URI statusApiBaseUrl, String functionKey) {
    }

    private final Process process;
    private final Endpoints endpoints;
    private final Path stdout;
    private final Path stderr;

    private StackProcess(Process process, Endpoints endpoints, Path stdout, Path stderr) {
        this.process = process;
        this.endpoints = endpoints;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts a stack on {@code data}, its output in {@code logs/<name>.out|.err}; returns once it printed. */
    public static StackProcess start(Path data, Path logs, String name, Duration provisioningTime) throws IOException {
        Files.createDirectories(logs);
        Path stdout = logs.resolve(name + ".out");
        Path stderr = logs.resolve(name + ".err");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), LocalStack.class.getName(),
                "--data-dir", data.toString(), "--provisioning-time", provisioningTime.toString())
                .directory(Path.of("").toAbsolutePath().toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        // Ctrl-C on bin/chaos, or a test JVM that ends, must not leave a stack running.
        Thread reaper = new Thread(process::destroyForcibly, "chaos-stack-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        process.onExit().thenRun(() -> {
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway; the process is gone
            }
        });
        try {
            String line = await().atMost(START).pollInterval(Duration.ofMillis(100))
                    .until(() -> firstLine(stdout, process), l -> l != null);
            JsonNode json = Json.MAPPER.readTree(line);
            return new StackProcess(process, new Endpoints(json.get("serviceBusConnectionString").asText(),
                    URI.create(json.get("armEndpoint").asText()), URI.create(json.get("statusApiBaseUrl").asText()),
                    json.get("functionKey").asText()), stdout, stderr);
        } catch (RuntimeException | IOException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    Path stdout() {
        return stdout;
    }

    public Path stderr() {
        return stderr;
    }

    /** {@code kill -9}: no shutdown hook runs, nothing is flushed or closed. Waits until the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the stack did not die within 30 s of SIGKILL");
        }
    }

    /** SIGTERM: the shutdown hook closes the stack. Returns whether it exited within 30 s (killed otherwise). */
    public boolean stop() throws InterruptedException {
        process.destroy();
        boolean exited = process.waitFor(30, TimeUnit.SECONDS);
        if (!exited) {
            kill();
        }
        return exited;
    }

    /** Kills the process if it still runs (for a test's cleanup). */
    public void killIfAlive() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    /** The first complete line, or null; fails at once if the process died. */
    private static String firstLine(Path stdout, Process process) throws IOException {
        String text = Files.readString(stdout);
        int end = text.indexOf('\n');
        if (end < 0 && !process.isAlive()) {
            throw new IllegalStateException("the stack exited with " + process.exitValue() + " before printing");
        }
        return end < 0 ? null : text.substring(0, end);
    }
}
