package io.amlcompute.provisioner.local.durable;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to start a {@link DurableTaskBackend}.
 *
 * @param dataDirectory where the task hub's SQLite database lives ({@code <taskHubName>.sqlite}); {@code null}
 *                      keeps all state in memory, lost on {@link DurableTaskBackend#close()}
 * @param port          TCP port on 127.0.0.1; {@code 0} picks a free ephemeral port
 * @param clock         the clock durable timers fire on and orchestrations read as their current time
 * @param taskHubName   the task hub this backend serves; same rule as host.json
 *                      {@code extensions.durableTask.hubName}: letters and digits, starting with a letter
 */
public record DurableBackendOptions(Path dataDirectory, int port, Clock clock, String taskHubName) {

    /** The hub name used when none is given. */
    public static final String DEFAULT_TASK_HUB = "LocalTaskHub";

    private static final Pattern HUB_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{2,44}");

    public DurableBackendOptions {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 (ephemeral) or 1..65535, was " + port);
        }
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(taskHubName, "taskHubName");
        if (!HUB_NAME.matcher(taskHubName).matches()) {
            throw new IllegalArgumentException("taskHubName must be 3 to 45 letters and digits starting with a letter, was '"
                    + taskHubName + "'");
        }
    }

    /** In memory, ephemeral port, system UTC clock, {@value #DEFAULT_TASK_HUB}. */
    public static DurableBackendOptions inMemory() {
        return new DurableBackendOptions(null, 0, Clock.systemUTC(), DEFAULT_TASK_HUB);
    }

    public DurableBackendOptions withDataDirectory(Path directory) {
        return new DurableBackendOptions(directory, port, clock, taskHubName);
    }

    public DurableBackendOptions withPort(int newPort) {
        return new DurableBackendOptions(dataDirectory, newPort, clock, taskHubName);
    }

    public DurableBackendOptions withClock(Clock newClock) {
        return new DurableBackendOptions(dataDirectory, port, newClock, taskHubName);
    }

    public DurableBackendOptions withTaskHubName(String name) {
        return new DurableBackendOptions(dataDirectory, port, clock, name);
    }
}
