package io.amlcompute.provisioner.local.host;

import com.azure.core.amqp.AmqpRetryMode;
import com.azure.core.amqp.AmqpRetryOptions;
import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.local.durable.DurableBackendOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of the app's host.json the local host honours, with the Functions host's defaults for what is absent.
 *
 * @param routePrefix   {@code extensions.http.routePrefix}; default {@code api}
 * @param taskHubName   {@code extensions.durableTask.hubName}
 * @param durableWorkers how many 1.4.0 Durable workers run side by side (each runs one work item at a time): the
 *                      larger of {@code extensions.durableTask.maxConcurrentActivityFunctions} and
 *                      {@code maxConcurrentOrchestratorFunctions}, at most {@value #MAX_DURABLE_WORKERS}; default
 *                      {@value #DEFAULT_DURABLE_WORKERS}
 * @param serviceBus    {@code extensions.serviceBus}
 */
public record HostJson(String routePrefix, String taskHubName, int durableWorkers, ServiceBusOptions serviceBus) {

    static final int DEFAULT_DURABLE_WORKERS = 4;
    static final int MAX_DURABLE_WORKERS = 16;

    public HostJson {
        Objects.requireNonNull(routePrefix, "routePrefix");
        Objects.requireNonNull(taskHubName, "taskHubName");
        Objects.requireNonNull(serviceBus, "serviceBus");
        if (durableWorkers < 1) {
            throw new IllegalArgumentException("durableWorkers must be at least 1, was " + durableWorkers);
        }
    }

    /**
     * The Service Bus trigger settings ({@code autoCompleteMessages} is always true here: Java functions cannot
     * settle messages, so success completes and an exception abandons).
     *
     * @param prefetchCount               default 0
     * @param maxConcurrentCalls          default 16
     * @param maxAutoLockRenewalDuration  default 5 minutes
     * @param clientRetryOptions          {@code clientRetryOptions}; the SDK's defaults when absent
     */
    public record ServiceBusOptions(int prefetchCount, int maxConcurrentCalls, Duration maxAutoLockRenewalDuration,
                                    RetryOptions clientRetryOptions) {
        public ServiceBusOptions {
            if (prefetchCount < 0 || maxConcurrentCalls < 1) {
                throw new IllegalArgumentException("prefetchCount must be >= 0 and maxConcurrentCalls >= 1");
            }
            Objects.requireNonNull(maxAutoLockRenewalDuration, "maxAutoLockRenewalDuration");
            Objects.requireNonNull(clientRetryOptions, "clientRetryOptions");
        }
    }

    /** {@code extensions.serviceBus.clientRetryOptions}. */
    public record RetryOptions(AmqpRetryMode mode, Duration tryTimeout, Duration delay, Duration maxDelay,
                               int maxRetries) {
        public RetryOptions {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(tryTimeout, "tryTimeout");
            Objects.requireNonNull(delay, "delay");
            Objects.requireNonNull(maxDelay, "maxDelay");
        }

        static RetryOptions sdkDefaults() {
            AmqpRetryOptions defaults = new AmqpRetryOptions();
            return new RetryOptions(defaults.getMode(), defaults.getTryTimeout(), defaults.getDelay(),
                    defaults.getMaxDelay(), defaults.getMaxRetries());
        }

        AmqpRetryOptions toAmqpRetryOptions() {
            return new AmqpRetryOptions().setMode(mode).setTryTimeout(tryTimeout).setDelay(delay)
                    .setMaxDelay(maxDelay).setMaxRetries(maxRetries);
        }
    }

    /** What the host uses when the app has no host.json. */
    public static HostJson defaults() {
        return new HostJson("api", DurableBackendOptions.DEFAULT_TASK_HUB, DEFAULT_DURABLE_WORKERS,
                new ServiceBusOptions(0, 16, Duration.ofMinutes(5), RetryOptions.sdkDefaults()));
    }

    /** Reads host.json; absent values take the defaults. */
    public static HostJson read(Path file) throws IOException {
        return parse(Json.MAPPER.readTree(Files.readString(file)));
    }

    static HostJson parse(JsonNode root) {
        HostJson defaults = defaults();
        JsonNode extensions = root.path("extensions");
        JsonNode durable = extensions.path("durableTask");
        JsonNode serviceBus = extensions.path("serviceBus");
        JsonNode retry = serviceBus.path("clientRetryOptions");
        RetryOptions retryDefaults = defaults.serviceBus().clientRetryOptions();
        int activities = durable.path("maxConcurrentActivityFunctions").asInt(0);
        int orchestrators = durable.path("maxConcurrentOrchestratorFunctions").asInt(0);
        int workers = Math.max(activities, orchestrators);
        return new HostJson(
                text(extensions.path("http").path("routePrefix"), defaults.routePrefix()),
                text(durable.path("hubName"), defaults.taskHubName()),
                workers == 0 ? DEFAULT_DURABLE_WORKERS : Math.min(workers, MAX_DURABLE_WORKERS),
                new ServiceBusOptions(
                        serviceBus.path("prefetchCount").asInt(defaults.serviceBus().prefetchCount()),
                        serviceBus.path("maxConcurrentCalls").asInt(defaults.serviceBus().maxConcurrentCalls()),
                        timeSpan(serviceBus.path("maxAutoLockRenewalDuration"),
                                defaults.serviceBus().maxAutoLockRenewalDuration()),
                        new RetryOptions(
                                retry.has("mode") ? retryMode(retry.get("mode").asText()) : retryDefaults.mode(),
                                timeSpan(retry.path("tryTimeout"), retryDefaults.tryTimeout()),
                                timeSpan(retry.path("delay"), retryDefaults.delay()),
                                timeSpan(retry.path("maxDelay"), retryDefaults.maxDelay()),
                                retry.path("maxRetries").asInt(retryDefaults.maxRetries()))));
    }

    private static String text(JsonNode node, String fallback) {
        return node.isTextual() ? node.asText() : fallback;
    }

    private static AmqpRetryMode retryMode(String mode) {
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "exponential" -> AmqpRetryMode.EXPONENTIAL;
            case "fixed" -> AmqpRetryMode.FIXED;
            default -> throw new IllegalArgumentException("host.json clientRetryOptions.mode must be Exponential or"
                    + " Fixed, was '" + mode + "'");
        };
    }

    private static final Pattern TIME_SPAN = Pattern.compile("(?:(\\d+)\\.)?(\\d{1,2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,7}))?");

    /** A .NET TimeSpan as host.json writes it: {@code [d.]hh:mm:ss[.fffffff]}. */
    static Duration timeSpan(JsonNode node, Duration fallback) {
        if (!node.isTextual()) {
            return fallback;
        }
        Matcher m = TIME_SPAN.matcher(node.asText().strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("host.json: '" + node.asText() + "' is not a time span (hh:mm:ss)");
        }
        Duration duration = Duration.ofDays(m.group(1) == null ? 0 : Long.parseLong(m.group(1)))
                .plusHours(Long.parseLong(m.group(2)))
                .plusMinutes(Long.parseLong(m.group(3)))
                .plusSeconds(Long.parseLong(m.group(4)));
        if (m.group(5) != null) {
            String ticks = (m.group(5) + "0000000").substring(0, 7); // 100 ns units
            duration = duration.plusNanos(Long.parseLong(ticks) * 100);
        }
        return duration;
    }
}
