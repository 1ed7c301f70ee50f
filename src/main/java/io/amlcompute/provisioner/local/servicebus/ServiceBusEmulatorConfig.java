package io.amlcompute.provisioner.local.servicebus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything {@link ServiceBusEmulator#start(ServiceBusEmulatorConfig)} needs: where to listen, which key signs the
 * clients' SAS tokens, the entities, where to keep messages across restarts, and the clock that drives lock expiry,
 * time to live, scheduled delivery and the duplicate-detection window.
 *
 * @param host            the address to bind; loopback ({@value #LOOPBACK}) unless you mean to expose it
 * @param port            the TCP port; 0 picks a free one (read it back with {@link ServiceBusEmulator#port()})
 * @param sharedAccessKey when present, every {@code $cbs} put-token must carry a SAS token signed with this key
 *                        (otherwise 401); when empty, any token is accepted
 * @param queues          the queues
 * @param topics          the topics with their subscriptions
 * @param dataDirectory   when present, messages, sequence numbers, duplicate-detection history, scheduled messages
 *                        and session state are kept in a SQLite file there and survive a restart; when empty,
 *                        everything lives in memory
 * @param clock           the time the broker's rules run on (a {@code ManualClock} in tests)
 */
public record ServiceBusEmulatorConfig(String host, int port, Optional<SharedAccessKey> sharedAccessKey,
        List<QueueDefinition> queues, List<TopicDefinition> topics, Optional<Path> dataDirectory, Clock clock) {

    public static final String LOOPBACK = "127.0.0.1";

    /** The queue producers put compute requests on. */
    public static final String COMPUTE_REQUESTS_QUEUE = "compute-requests";
    /** The topic completion events are published to. */
    public static final String COMPUTE_EVENTS_TOPIC = "compute-events";
    /** The subscription of {@link #COMPUTE_EVENTS_TOPIC} that receives every event. */
    public static final String ALL_EVENTS_SUBSCRIPTION = "all-events";
    /** The session-enabled queue request–reply answers go to (SessionId = the request's ReplyToSessionId). */
    public static final String COMPUTE_REPLIES_QUEUE = "compute-replies";

    private static final String APP_DEFAULTS_RESOURCE = "/local/servicebus/app-entities.json";

    public ServiceBusEmulatorConfig {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was: " + port);
        }
        sharedAccessKey = Objects.requireNonNullElse(sharedAccessKey, Optional.empty());
        queues = queues == null ? List.of() : List.copyOf(queues);
        topics = topics == null ? List.of() : List.copyOf(topics);
        dataDirectory = Objects.requireNonNullElse(dataDirectory, Optional.empty());
        Objects.requireNonNull(clock, "clock");
        Set<String> names = new HashSet<>();
        for (String name : entityNames(queues, topics)) {
            if (!names.add(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("two entities are named '" + name
                        + "' (queue and topic names share one namespace and are case-insensitive)");
            }
        }
    }

    /** A loopback, ephemeral-port, in-memory configuration on the system clock with no entities and no key. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The entities this app uses, as the infrastructure defines them: queue {@value #COMPUTE_REQUESTS_QUEUE}, topic
     * {@value #COMPUTE_EVENTS_TOPIC} with subscription {@value #ALL_EVENTS_SUBSCRIPTION}, and session-enabled queue
     * {@value #COMPUTE_REPLIES_QUEUE}; loopback, ephemeral port, in memory, system clock, no key. Read from the
     * bundled {@code local/servicebus/app-entities.json}, which doubles as the example of the JSON format.
     */
    public static ServiceBusEmulatorConfig appDefaults() {
        try (InputStream json = ServiceBusEmulatorConfig.class.getResourceAsStream(APP_DEFAULTS_RESOURCE)) {
            if (json == null) {
                throw new IllegalStateException("missing resource " + APP_DEFAULTS_RESOURCE);
            }
            return fromJson(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a configuration file in the format described in {@code docs/local/servicebus-emulator.md}. */
    public static ServiceBusEmulatorConfig fromJson(Path file) throws IOException {
        try (InputStream json = Files.newInputStream(file)) {
            return fromJson(json);
        }
    }

    /** Reads a configuration document in the format described in {@code docs/local/servicebus-emulator.md}. */
    public static ServiceBusEmulatorConfig fromJson(InputStream json) throws IOException {
        return EmulatorConfigJson.read(json);
    }

    public Builder toBuilder() {
        Builder builder = new Builder().host(host).port(port).clock(clock);
        sharedAccessKey.ifPresent(key -> builder.sharedAccessKey(key.name(), key.key()));
        dataDirectory.ifPresent(builder::dataDirectory);
        queues.forEach(builder::queue);
        topics.forEach(builder::topic);
        return builder;
    }

    private static List<String> entityNames(List<QueueDefinition> queues, List<TopicDefinition> topics) {
        List<String> names = new ArrayList<>();
        queues.forEach(queue -> names.add(queue.name()));
        topics.forEach(topic -> names.add(topic.name()));
        return names;
    }

    /**
     * A SAS policy (key name and key) the emulator checks tokens against. {@link #toString()} never shows the key.
     *
     * @param name the {@code SharedAccessKeyName}
     * @param key  the {@code SharedAccessKey}
     */
    public record SharedAccessKey(String name, String key) {
        public SharedAccessKey {
            if (name == null || name.isBlank() || key == null || key.isEmpty()) {
                throw new IllegalArgumentException("a shared access key needs a non-blank name and a key");
            }
        }

        @Override
        public String toString() {
            return "SharedAccessKey[name=" + name + ", key=***]";
        }
    }

    /** Builds a {@link ServiceBusEmulatorConfig}; starts loopback, port 0, in memory, system UTC clock. */
    public static final class Builder {
        private String host = LOOPBACK;
        private int port;
        private SharedAccessKey sharedAccessKey;
        private final List<QueueDefinition> queues = new ArrayList<>();
        private final List<TopicDefinition> topics = new ArrayList<>();
        private Path dataDirectory;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder host(String value) {
            this.host = value;
            return this;
        }

        public Builder port(int value) {
            this.port = value;
            return this;
        }

        public Builder sharedAccessKey(String keyName, String key) {
            this.sharedAccessKey = new SharedAccessKey(keyName, key);
            return this;
        }

        public Builder withoutSharedAccessKey() {
            this.sharedAccessKey = null;
            return this;
        }

        /** Adds a queue, replacing one of the same name. */
        public Builder queue(QueueDefinition queue) {
            queues.removeIf(existing -> existing.name().equalsIgnoreCase(queue.name()));
            queues.add(queue);
            return this;
        }

        /** Adds a topic, replacing one of the same name. */
        public Builder topic(TopicDefinition topic) {
            topics.removeIf(existing -> existing.name().equalsIgnoreCase(topic.name()));
            topics.add(topic);
            return this;
        }

        public Builder dataDirectory(Path value) {
            this.dataDirectory = value;
            return this;
        }

        public Builder inMemory() {
            this.dataDirectory = null;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public ServiceBusEmulatorConfig build() {
            return new ServiceBusEmulatorConfig(host, port, Optional.ofNullable(sharedAccessKey), queues, topics,
                    Optional.ofNullable(dataDirectory), clock);
        }
    }
}
