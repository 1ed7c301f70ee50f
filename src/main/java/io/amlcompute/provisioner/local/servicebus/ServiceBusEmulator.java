package io.amlcompute.provisioner.local.servicebus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An embedded Azure Service Bus for local runs and tests: an AMQP 1.0 server that the unmodified
 * {@code azure-messaging-servicebus} client accepts with
 * {@code Endpoint=sb://127.0.0.1:<port>;SharedAccessKeyName=...;SharedAccessKey=...;UseDevelopmentEmulator=true}.
 *
 * <p>It emulates queues, topics with correlation-filtered subscriptions, sessions, peek-lock and
 * receive-and-delete, complete/abandon/defer/dead-letter, MaxDeliveryCount, lock expiry and renewal, duplicate
 * detection, scheduled messages, peek, time to live and dead-letter queues, optionally persisted to a data
 * directory. Time-dependent rules follow the configured clock. Not emulated: transactions, SQL filters and rule
 * actions, auto-forwarding, rule management, and the HTTP administration API.
 *
 * <pre>{@code
 * try (ServiceBusEmulator bus = ServiceBusEmulator.start(ServiceBusEmulatorConfig.appDefaults())) {
 *     ServiceBusSenderClient sender = new ServiceBusClientBuilder()
 *             .connectionString(bus.connectionString())
 *             .sender().queueName("compute-requests").buildClient();
 * }
 * }</pre>
 *
 * Thread-safe. Loopback-only unless the configuration names another host.
 */
public final class ServiceBusEmulator implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ServiceBusEmulator.class.getName());
    /** The key name and key printed when no key is configured: any key is accepted then. */
    static final String UNCHECKED_KEY_NAME = "RootManageSharedAccessKey";
    static final String UNCHECKED_KEY = "SAS_KEY_VALUE";
    private static final long TICK_MILLIS = 100;

    private final ServiceBusEmulatorConfig config;
    private final Namespace namespace;
    private final AmqpServer server;
    private final ScheduledExecutorService ticker;
    private final int port;

    private ServiceBusEmulator(ServiceBusEmulatorConfig config, Namespace namespace, AmqpServer server) {
        this.config = config;
        this.namespace = namespace;
        this.server = server;
        this.port = server.port();
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sb-emulator-clock");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Binds the port, loads the data directory (if any) and starts accepting clients; logs the connection string.
     *
     * @throws UncheckedIOException when the address cannot be bound
     */
    public static ServiceBusEmulator start(ServiceBusEmulatorConfig config) {
        MessageJournal journal = config.dataDirectory()
                .<MessageJournal>map(SqliteMessageJournal::open)
                .orElse(MessageJournal.None.INSTANCE);
        Namespace namespace = new Namespace(config, journal);
        AmqpServer server;
        try {
            server = AmqpServer.start(config.host(), config.port(), namespace, config.sharedAccessKey());
        } catch (IOException e) {
            namespace.close();
            throw new UncheckedIOException("cannot listen on " + config.host() + ":" + config.port(), e);
        }
        ServiceBusEmulator emulator = new ServiceBusEmulator(config, namespace, server);
        emulator.ticker.scheduleWithFixedDelay(emulator::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        LOG.log(System.Logger.Level.INFO, "Service Bus emulator listening; connect with: {0}",
                emulator.printableConnectionString());
        return emulator;
    }

    /** The connection string the official client accepts; it contains the configured key, if any. */
    public String connectionString() {
        String keyName = config.sharedAccessKey().map(ServiceBusEmulatorConfig.SharedAccessKey::name)
                .orElse(UNCHECKED_KEY_NAME);
        String key = config.sharedAccessKey().map(ServiceBusEmulatorConfig.SharedAccessKey::key)
                .orElse(UNCHECKED_KEY);
        return connectionString(keyName, key);
    }

    /** The port clients connect to (the bound one when the configuration asked for 0). */
    public int port() {
        return port;
    }

    private String connectionString(String keyName, String key) {
        return "Endpoint=sb://" + config.host() + ":" + port() + ";SharedAccessKeyName=" + keyName
                + ";SharedAccessKey=" + key + ";UseDevelopmentEmulator=true";
    }

    // A configured key is a secret: the log shows where it goes, never its value.
    private String printableConnectionString() {
        return config.sharedAccessKey()
                .map(key -> connectionString(key.name(), "<the configured key>"))
                .orElseGet(this::connectionString);
    }

    private void tick() {
        try {
            namespace.tick();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the Service Bus emulator clock tick failed", e);
        }
    }

    /** Stops accepting, closes every client connection, and closes the data directory. */
    @Override
    public void close() {
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            server.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the listener failed: {0}", e.toString());
        }
        namespace.close();
        LOG.log(System.Logger.Level.INFO, "Service Bus emulator on port {0} stopped", String.valueOf(port()));
    }
}
