package io.amlcompute.provisioner.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlcompute.provisioner.config.Setting;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.config.Settings;
import io.amlcompute.provisioner.functions.GetComputeRequestStatus;
import io.amlcompute.provisioner.functions.ProvisionerApp;
import io.amlcompute.provisioner.local.arm.ArmEmulator;
import io.amlcompute.provisioner.local.arm.ArmEmulatorBuilder;
import io.amlcompute.provisioner.local.durable.DurableBackendOptions;
import io.amlcompute.provisioner.local.durable.DurableTaskBackend;
import io.amlcompute.provisioner.local.durable.WorkItemCounts;
import io.amlcompute.provisioner.local.host.HostJson;
import io.amlcompute.provisioner.local.host.LocalFunctionsHost;
import io.amlcompute.provisioner.local.host.LocalFunctionsHostOptions;
import io.amlcompute.provisioner.local.servicebus.ServiceBusEmulator;
import io.amlcompute.provisioner.local.servicebus.ServiceBusEmulatorConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The whole app on one machine, in one JVM, on embedded defaults, for development and tests: the Service Bus emulator
 * (the app's queues, topic and subscription), the ARM emulator (seeded with {@link DemoAzure}), the Durable backend
 * and the local Functions host running the unmodified function app against them. Nothing here is deployed.
 *
 * <p>The app settings are local.settings.json's {@code Values} with the emulators' real endpoints put in:
 * {@code ServiceBusConnection} (the emulator's connection string), {@code ARM_ENDPOINT} (the ARM emulator),
 * {@code ARM_AUTH=none}, {@code LOCAL_SECRETS_FILE} made absolute (relative to the app directory), and
 * {@code LEARNED_DURATIONS_FILE} in the data directory (unset without one: learned in memory). They are
 * installed with {@link ProvisionerApp#install}, as a host provides app settings, so the process holds one stack at a
 * time. The demo Databricks workspace accepts the local secret store's {@value DemoAzure#DATABRICKS_TOKEN_SECRET}.
 *
 * <p>With a data directory, durable state, Service Bus messages, ARM computes and learned durations survive a
 * restart (or a kill) on the
 * same directory, and in-flight requests finish after it; the ports may differ unless fixed in the options.
 *
 * <p>{@link #main} runs a stack until the process is stopped and prints one JSON line with its endpoints.
 */
public final class LocalStack implements AutoCloseable {

    /** App setting that fixes the status API's function key. */
    public static final String FUNCTION_KEY_SETTING = "LOCAL_FUNCTION_KEY";

    private static final Logger LOG = Logger.getLogger(LocalStack.class.getName());

    private final List<AutoCloseable> parts;
    private final ServiceBusEmulator serviceBus;
    private final ArmEmulator arm;
    private final DurableTaskBackend durable;
    private final LocalFunctionsHost host;
    private final Path dataDirectory;
    private boolean closed;

    private LocalStack(List<AutoCloseable> parts, ServiceBusEmulator serviceBus, ArmEmulator arm,
                       DurableTaskBackend durable, LocalFunctionsHost host, Path dataDirectory) {
        this.parts = parts;
        this.serviceBus = serviceBus;
        this.arm = arm;
        this.durable = durable;
        this.host = host;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts every part, the function host last (so no message is taken before the functions can run).
     *
     * @throws IOException when the app files cannot be read, the data directory cannot be used or a port is taken
     */
    public static LocalStack start(LocalStackOptions options) throws IOException {
        Path appDirectory = options.appDirectory().toAbsolutePath().normalize();
        HostJson hostJson = LocalAppFiles.hostJson(appDirectory);
        Map<String, String> values = new HashMap<>(LocalAppFiles.localSettings(appDirectory));
        StackDataDirectory data = options.dataDirectory() == null ? null
                : StackDataDirectory.create(options.dataDirectory());
        Optional<Path> secretsFile = Optional.ofNullable(values.get(Setting.LOCAL_SECRETS_FILE.key()))
                .filter(path -> !path.isBlank()).map(path -> LocalAppFiles.resolve(appDirectory, path));

        List<AutoCloseable> started = new ArrayList<>();
        try {
            ServiceBusEmulatorConfig.Builder busConfig = ServiceBusEmulatorConfig.appDefaults().toBuilder()
                    .port(options.serviceBusPort());
            if (data != null) {
                busConfig.dataDirectory(data.serviceBus());
            }
            ServiceBusEmulator serviceBus = ServiceBusEmulator.start(busConfig.build());
            started.add(serviceBus);

            ArmEmulatorBuilder armBuilder = ArmEmulator.builder().port(options.armPort())
                    .provisioningTime(options.provisioningTime())
                    .nodeAllocationTime(options.provisioningTime())
                    .updateTime(options.provisioningTime())
                    .deletionTime(options.provisioningTime())
                    .instancePowerTime(options.provisioningTime());
            if (data != null) {
                armBuilder.dataDirectory(data.arm());
            }
            // Without the store's token the Databricks workspace takes none the app can present: attach gets 403.
            String databricksToken = secretsFile.isPresent()
                    ? LocalAppFiles.localSecret(secretsFile.get(), DemoAzure.DATABRICKS_TOKEN_SECRET)
                            .orElse(UUID.randomUUID().toString())
                    : UUID.randomUUID().toString();
            ArmEmulator arm = DemoAzure.seed(armBuilder, databricksToken).start();
            started.add(arm);

            DurableTaskBackend durable = DurableTaskBackend.start(new DurableBackendOptions(
                    data == null ? null : data.durable(), options.durablePort(), Clock.systemUTC(),
                    hostJson.taskHubName()));
            started.add(durable);

            values.put(Setting.SERVICE_BUS_CONNECTION_STRING.key(), serviceBus.connectionString());
            values.put(Setting.ARM_ENDPOINT.key(), arm.endpoint().toString());
            values.put(Setting.ARM_AUTH.key(), "none");
            secretsFile.ifPresent(file -> values.put(Setting.LOCAL_SECRETS_FILE.key(), file.toString()));
            // Learned durations belong to the stack's state: in its data directory, or in memory without one.
            if (data != null) {
                values.put(Setting.LEARNED_DURATIONS_FILE.key(), data.learnedDurations().toString());
            } else {
                values.remove(Setting.LEARNED_DURATIONS_FILE.key());
            }
            // Until it has learned better, the app expects provisioning to take as long as this emulator does.
            values.put(Setting.EXPECTED_PROVISIONING_TIME.key(), options.provisioningTime().toString());
            ProvisionerApp app = ProvisionerApp.fromSettings(Settings.of(values));
            started.add(app);
            ProvisionerApp.install(app);

            LocalFunctionsHost host = LocalFunctionsHost.start(LocalFunctionsHostOptions.forApp(values)
                    .withHostJson(hostJson)
                    .withDurablePort(durable.port())
                    .withHttpPort(options.httpPort())
                    .withFunctionKey(functionKey(options, values, data)));
            started.add(host);
            LOG.log(Level.INFO, "Local stack started{0}", data == null ? " (in memory)" : " on " + data.root());
            return new LocalStack(reversed(started), serviceBus, arm, durable, host,
                    data == null ? null : data.root());
        } catch (IOException | RuntimeException e) {
            closeAll(reversed(started));
            throw e;
        }
    }

    private static String functionKey(LocalStackOptions options, Map<String, String> values, StackDataDirectory data)
            throws IOException {
        if (options.functionKey() != null) {
            return options.functionKey();
        }
        String fromSettings = values.get(FUNCTION_KEY_SETTING);
        if (fromSettings != null && !fromSettings.isBlank()) {
            return fromSettings.strip();
        }
        return data == null ? null : data.functionKey(LocalFunctionsHost::newFunctionKey);
    }

    /** Runs a stack until the process is stopped; see {@link LocalStackMain} for the arguments and the output. */
    public static void main(String[] args) {
        LocalStackMain.run(args);
    }

    /**
     * The endpoints as one line of JSON: what {@link #main} and {@code computectl local} print for scripts. It holds
     * the function key, so it goes to stdout (a handshake), never to a log.
     */
    public String endpointsJson() {
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("serviceBusConnectionString", serviceBusConnectionString());
        line.put("armEndpoint", armEndpoint().toString());
        line.put("statusApiBaseUrl", statusApiBaseUrl().toString());
        line.put("functionKey", functionKey());
        line.put("durablePort", durablePort());
        line.put("taskHubName", taskHubName());
        line.put("dataDirectory", dataDirectory().map(Path::toString).orElse(null));
        return line.toString();
    }

    /** The Service Bus emulator's connection string (its key is a placeholder the emulator does not check). */
    public String serviceBusConnectionString() {
        return serviceBus.connectionString();
    }

    /** The ARM emulator's base URI, in place of {@code https://management.azure.com}. */
    public URI armEndpoint() {
        return arm.endpoint();
    }

    /** The ARM emulator itself, for tests that inject faults or read its request log. */
    public ArmEmulator armEmulator() {
        return arm;
    }

    /** The Durable backend's gRPC port on 127.0.0.1 (for a {@code DurableTaskGrpcClientBuilder}). */
    public int durablePort() {
        return durable.port();
    }

    /** What the Durable backend has completed since the stack started: the benchmarks' capacity model counts it. */
    public WorkItemCounts durableWorkItems() {
        return durable.workItemsCompleted();
    }

    /** The task hub the app's orchestrations run in. */
    public String taskHubName() {
        return durable.taskHubName();
    }

    /** {@code http://127.0.0.1:<port>/api/compute-requests}: append {@code /<requestId>}, pass {@link #functionKey()}. */
    public URI statusApiBaseUrl() {
        String route = GetComputeRequestStatus.ROUTE;
        return host.httpBaseUri().resolve(route.substring(0, route.indexOf("/{")));
    }

    /** The key the status API requires ({@code ?code=} or {@code x-functions-key}). */
    public String functionKey() {
        return host.functionKey();
    }

    /** The data directory, or empty when everything lives in memory. */
    public Optional<Path> dataDirectory() {
        return Optional.ofNullable(dataDirectory);
    }

    /** Stops the host (no new work), then the app's publisher, the Durable backend and the emulators. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeAll(parts);
        LOG.info("Local stack stopped");
    }

    private static List<AutoCloseable> reversed(List<AutoCloseable> parts) {
        List<AutoCloseable> copy = new ArrayList<>(parts);
        Collections.reverse(copy);
        return List.copyOf(copy);
    }

    private static void closeAll(List<AutoCloseable> parts) {
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "stopping a part of the local stack failed", e);
            }
        }
    }
}
