package io.amlcompute.provisioner.cli;

import io.amlcompute.provisioner.config.Settings;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What the commands take from the process they run in, so tests can run them in-process with their own values:
 * the environment variables, the clock and the way to sleep (both used by {@code apply}'s provisioning process),
 * standard input (the file name {@code -}), and the working directory ({@code validate} looks there for a
 * {@code local.settings.json}).
 *
 * @param variables environment variables: app settings ({@code --settings FILE} and options go on top) and the
 *                  CLI's own variables ({@code SERVICEBUS_CONNECTION_STRING}, {@code COMPUTECTL_FUNCTION_KEY})
 */
record CliEnvironment(Map<String, String> variables, Clock clock, Sleeper sleeper, InputStream stdin,
                      Path workingDirectory) {

    CliEnvironment {
        variables = Map.copyOf(variables);
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(stdin, "stdin");
        workingDirectory = workingDirectory.toAbsolutePath();
    }

    /** In the process's working directory. */
    CliEnvironment(Map<String, String> variables, Clock clock, Sleeper sleeper, InputStream stdin) {
        this(variables, clock, sleeper, stdin, Path.of(""));
    }

    /** The real process: environment variables, the system clock, real sleeps, System.in, the working directory. */
    static CliEnvironment system() {
        return new CliEnvironment(System.getenv(), Clock.systemUTC(), Sleeper.REAL, System.in, Path.of(""));
    }

    /** The app settings the environment variables hold. */
    Settings settings() {
        return Settings.of(variables);
    }

    /** A variable's value; null when unset or blank. */
    String variable(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** How {@code apply} waits between steps; tests pass one that advances a ManualClock instead. */
    @FunctionalInterface
    interface Sleeper {
        Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

        void sleep(Duration duration) throws InterruptedException;
    }
}
