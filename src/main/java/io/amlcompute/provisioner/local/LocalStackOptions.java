package io.amlcompute.provisioner.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to start a {@link LocalStack}. Start from {@link #defaults()} and change what differs.
 *
 * @param appDirectory     the function app's directory: host.json, local.settings.json, and the base of relative
 *                         paths in its settings (the local secret store)
 * @param dataDirectory    where every part keeps its state across restarts; null keeps everything in memory
 * @param provisioningTime how long the ARM emulator takes to create, update, delete a compute, allocate its
 *                         nodes, and start, stop or restart a compute instance (ISO-8601 on the command line)
 * @param serviceBusPort   the Service Bus emulator's AMQP port; 0 picks a free one
 * @param armPort          the ARM emulator's HTTP port; 0 picks a free one
 * @param durablePort      the Durable backend's gRPC port; 0 picks a free one
 * @param httpPort         the Functions host's HTTP port (the status API); 0 picks a free one
 * @param functionKey      the status API's key; null takes app setting {@value LocalStack#FUNCTION_KEY_SETTING},
 *                         then the key kept in the data directory, then a new one
 */
public record LocalStackOptions(Path appDirectory, Path dataDirectory, Duration provisioningTime, int serviceBusPort,
                                int armPort, int durablePort, int httpPort, String functionKey) {

    /** The ARM emulator's default provisioning time: long enough to watch progress, short enough to wait for. */
    public static final Duration DEFAULT_PROVISIONING_TIME = Duration.ofSeconds(3);

    public LocalStackOptions {
        Objects.requireNonNull(appDirectory, "appDirectory");
        Objects.requireNonNull(provisioningTime, "provisioningTime");
        if (provisioningTime.isNegative()) {
            throw new IllegalArgumentException("provisioningTime must not be negative: " + provisioningTime);
        }
        for (int port : new int[]{serviceBusPort, armPort, durablePort, httpPort}) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("ports must be 0..65535, got " + port);
            }
        }
        if (functionKey != null && functionKey.isBlank()) {
            throw new IllegalArgumentException("functionKey must not be blank (null picks one)");
        }
    }

    /** The current directory as app directory, in memory, {@link #DEFAULT_PROVISIONING_TIME}, free ports. */
    public static LocalStackOptions defaults() {
        return new LocalStackOptions(Path.of("").toAbsolutePath(), null, DEFAULT_PROVISIONING_TIME, 0, 0, 0, 0, null);
    }

    public LocalStackOptions withAppDirectory(Path directory) {
        return new LocalStackOptions(directory, dataDirectory, provisioningTime, serviceBusPort, armPort, durablePort,
                httpPort, functionKey);
    }

    public LocalStackOptions withDataDirectory(Path directory) {
        return new LocalStackOptions(appDirectory, directory, provisioningTime, serviceBusPort, armPort, durablePort,
                httpPort, functionKey);
    }

    public LocalStackOptions withProvisioningTime(Duration time) {
        return new LocalStackOptions(appDirectory, dataDirectory, time, serviceBusPort, armPort, durablePort, httpPort,
                functionKey);
    }

    public LocalStackOptions withServiceBusPort(int port) {
        return new LocalStackOptions(appDirectory, dataDirectory, provisioningTime, port, armPort, durablePort,
                httpPort, functionKey);
    }

    public LocalStackOptions withArmPort(int port) {
        return new LocalStackOptions(appDirectory, dataDirectory, provisioningTime, serviceBusPort, port, durablePort,
                httpPort, functionKey);
    }

    public LocalStackOptions withDurablePort(int port) {
        return new LocalStackOptions(appDirectory, dataDirectory, provisioningTime, serviceBusPort, armPort, port,
                httpPort, functionKey);
    }

    public LocalStackOptions withHttpPort(int port) {
        return new LocalStackOptions(appDirectory, dataDirectory, provisioningTime, serviceBusPort, armPort,
                durablePort, port, functionKey);
    }

    public LocalStackOptions withFunctionKey(String key) {
        return new LocalStackOptions(appDirectory, dataDirectory, provisioningTime, serviceBusPort, armPort,
                durablePort, httpPort, key);
    }

    /** The key is never shown. */
    @Override
    public String toString() {
        return "LocalStackOptions[appDirectory=" + appDirectory + ", dataDirectory=" + dataDirectory
                + ", provisioningTime=" + provisioningTime + ", serviceBusPort=" + serviceBusPort + ", armPort="
                + armPort + ", durablePort=" + durablePort + ", httpPort=" + httpPort + ", functionKey="
                + (functionKey == null ? "default" : "***") + "]";
    }
}
