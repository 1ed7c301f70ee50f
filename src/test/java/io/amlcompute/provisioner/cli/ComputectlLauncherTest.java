package io.amlcompute.provisioner.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bin/computectl} as a user runs it: a separate process that finds the build output (building what is
 * missing, e.g. the classpath file on the first run) and says nothing but the CLI's own words.
 */
class ComputectlLauncherTest {

    private static final Path LAUNCHER = Path.of("bin", "computectl");

    @TempDir
    Path dir;

    @Test
    void printsTheUsageOfEveryCommandOnStdoutAndNothingElse() throws Exception {
        CliRun.Result result = launch(List.of("--help"), Map.of());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("Usage: computectl");
        for (String command : List.of("validate", "send", "wait", "watch", "status", "apply", "local")) {
            assertThat(result.out()).contains("  " + command + " ");
        }
        assertThat(result.err()).isEmpty();
    }

    @Test
    void anSdkFailureIsOneLineOnStderrWithoutLoggingNoise() throws Exception {
        CliRun.Result result = launch(List.of("send", "samples/requests/delete-amlcompute.json", "--no-policy",
                "--operation-timeout", "1s"), Map.of(ServiceBusOptions.CONNECTION_STRING_VARIABLE,
                "Endpoint=sb://127.0.0.1:1;SharedAccessKeyName=k;SharedAccessKey=x;UseDevelopmentEmulator=true"));

        assertThat(result.exitCode()).as(result.err()).isEqualTo(4);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().lines().toList()).as("no SLF4J notice, no stack trace").singleElement()
                .asString().startsWith("computectl send: Service Bus: could not send");
    }

    private CliRun.Result launch(List<String> args, Map<String, String> variables) throws Exception {
        assertThat(Files.isExecutable(LAUNCHER)).as("bin/computectl is executable").isTrue();
        // Output goes to files, so a chatty process can never block on a full pipe.
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder();
        builder.command().add(LAUNCHER.toString());
        builder.command().addAll(args);
        builder.environment().remove(ServiceBusOptions.CONNECTION_STRING_VARIABLE);
        builder.environment().remove("AZURE_LOG_LEVEL");
        builder.environment().putAll(variables);
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("bin/computectl did not end within 3 minutes");
        }
        return new CliRun.Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
