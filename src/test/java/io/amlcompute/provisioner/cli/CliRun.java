package io.amlcompute.provisioner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.contract.validation.Samples;
import org.awaitility.Awaitility;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs computectl in-process through picocli's {@code execute}, capturing stdout and stderr. */
final class CliRun {

    /** The policy the samples pass: the demo workspace, local and Key Vault secret stores. */
    static final Map<String, String> SAMPLE_POLICY = Map.of(
            "POLICY_ALLOWED_WORKSPACES", Samples.DEMO_WORKSPACE,
            "POLICY_ALLOWED_SECRET_STORES", "local,*.vault.azure.net");

    private CliRun() {
    }

    record Result(int exitCode, String out, String err) {

        List<String> outLines() {
            return out.isEmpty() ? List.of() : Arrays.asList(out.split("\\R"));
        }

        /** The only stdout line, as JSON. */
        JsonNode json() {
            assertThat(outLines()).as("stdout lines; stderr was: %s", err).hasSize(1);
            return line(0);
        }

        JsonNode line(int index) {
            try {
                return Json.MAPPER.readTree(outLines().get(index));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Neither stream shows a stack trace or an exception's class name. */
        Result withoutStackTrace() {
            for (String stream : List.of(out, err)) {
                assertThat(stream).doesNotContain("\tat ").doesNotContain("Exception in thread")
                        .doesNotContainPattern("(?m)^\\S+(Exception|Error): ");
            }
            return this;
        }
    }

    /**
     * In a working directory of its own, empty: a local.settings.json in the project folder, where the tests run,
     * must not stand in for the settings a test gives (validate reads ./local.settings.json when it finds one).
     */
    static CliEnvironment environment(Map<String, String> variables) {
        return new CliEnvironment(variables, Clock.systemUTC(), CliEnvironment.Sleeper.REAL,
                new ByteArrayInputStream(new byte[0]), EMPTY_DIRECTORY);
    }

    private static final java.nio.file.Path EMPTY_DIRECTORY = emptyDirectory();

    private static java.nio.file.Path emptyDirectory() {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("computectl-cwd");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> copy = new HashMap<>(base);
        copy.put(key, value);
        return copy;
    }

    static Result run(CliEnvironment environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = Computectl.commandLine(environment);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    static Result run(Map<String, String> variables, String... args) {
        return run(environment(variables), args);
    }

    /** A command running in a thread of its own, with its output readable while it runs. */
    record Running(Thread thread, CompletableFuture<Integer> exit, StringWriter out, StringWriter err) {

        Result result(Duration timeout) throws Exception {
            int code = exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Result(code, out.toString(), err.toString());
        }

        /** Interrupts the command, as a stop request, and returns how it ended. */
        Result stop(Duration timeout) throws Exception {
            thread.interrupt();
            return result(timeout);
        }
    }

    /** Starts the command and returns once it has printed {@code stderrMarker} (e.g. its "waiting" line). */
    static Running start(Map<String, String> variables, String stderrMarker, String... args) {
        return start(environment(variables), stderrMarker, args);
    }

    /** As {@link #start(Map, String, String...)}, in an environment of the test's own (e.g. a ManualClock). */
    static Running start(CliEnvironment environment, String stderrMarker, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = Computectl.commandLine(environment);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread thread = new Thread(() -> exit.complete(commandLine.execute(args)), "computectl " + args[0]);
        thread.setDaemon(true);
        thread.start();
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> err.toString().contains(stderrMarker) || exit.isDone());
        return new Running(thread, exit, out, err);
    }
}
