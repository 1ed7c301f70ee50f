package io.amlcompute.provisioner.local.servicebus;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.amlcompute.provisioner.contract.Json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads the emulator's JSON configuration. The {@code UserConfig} part has the shape of the official Service Bus
 * emulator's {@code Config.json} (PascalCase, ISO-8601 durations, one namespace), so one entity file can serve both;
 * the optional {@code Emulator} part holds what only this emulator has (address, key, data directory).
 * Unknown fields are errors; features this emulator lacks (SQL filters, rule actions, auto-forwarding) are refused
 * rather than silently ignored. Every problem is reported at once, each with its JSON path.
 */
final class EmulatorConfigJson {

    private EmulatorConfigJson() {
    }

    static ServiceBusEmulatorConfig read(InputStream json) throws IOException {
        // The official sample file carries // comments.
        Document document = Json.MAPPER.readerFor(Document.class)
                .with(JsonReadFeature.ALLOW_JAVA_COMMENTS)
                .readValue(json);
        return new Conversion().toConfig(document);
    }

    private static final class Conversion {
        private final List<String> problems = new ArrayList<>();

        ServiceBusEmulatorConfig toConfig(Document document) {
            ServiceBusEmulatorConfig.Builder builder = ServiceBusEmulatorConfig.builder();
            if (document.emulator() != null) {
                applyEmulatorSection(document.emulator(), builder);
            }
            if (document.userConfig() == null || document.userConfig().namespaces() == null
                    || document.userConfig().namespaces().size() != 1) {
                problems.add("UserConfig.Namespaces: exactly one namespace is required");
            } else {
                NamespaceJson namespace = document.userConfig().namespaces().get(0);
                String path = "UserConfig.Namespaces[0]";
                List<QueueJson> queues = Objects.requireNonNullElse(namespace.queues(), List.of());
                for (int i = 0; i < queues.size(); i++) {
                    QueueJson queue = queues.get(i);
                    convert(path + ".Queues[" + i + "]", () -> toQueue(queue)).ifPresent(builder::queue);
                }
                List<TopicJson> topics = Objects.requireNonNullElse(namespace.topics(), List.of());
                for (int i = 0; i < topics.size(); i++) {
                    String topicPath = path + ".Topics[" + i + "]";
                    TopicJson topic = topics.get(i);
                    convert(topicPath, () -> toTopic(topicPath, topic)).ifPresent(builder::topic);
                }
            }
            ServiceBusEmulatorConfig config = convert("$", builder::build).orElse(null);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("invalid Service Bus emulator configuration:\n  - "
                        + String.join("\n  - ", problems));
            }
            return config;
        }

        private void applyEmulatorSection(EmulatorJson emulator, ServiceBusEmulatorConfig.Builder builder) {
            if (emulator.host() != null) {
                builder.host(emulator.host());
            }
            if (emulator.port() != null) {
                builder.port(emulator.port());
            }
            if (emulator.sharedAccessKeyName() != null || emulator.sharedAccessKey() != null) {
                convert("Emulator.SharedAccessKey", () -> new ServiceBusEmulatorConfig.SharedAccessKey(
                        emulator.sharedAccessKeyName(), emulator.sharedAccessKey()))
                        .ifPresent(key -> builder.sharedAccessKey(key.name(), key.key()));
            }
            if (emulator.dataDirectory() != null) {
                builder.dataDirectory(Path.of(emulator.dataDirectory()));
            }
        }

        private QueueDefinition toQueue(QueueJson json) {
            QueueProperties p = Objects.requireNonNullElse(json.properties(), QueueProperties.NONE);
            refuseForwarding(p.forwardTo(), p.forwardDeadLetteredMessagesTo());
            QueueDefinition defaults = QueueDefinition.named(json.name());
            return new QueueDefinition(json.name(),
                    or(p.lockDuration(), defaults.lockDuration()),
                    or(p.maxDeliveryCount(), defaults.maxDeliveryCount()),
                    or(p.defaultMessageTimeToLive(), defaults.defaultMessageTimeToLive()),
                    or(p.deadLetteringOnMessageExpiration(), false),
                    or(p.requiresSession(), false),
                    or(p.requiresDuplicateDetection(), false),
                    or(p.duplicateDetectionHistoryTimeWindow(), defaults.duplicateDetectionHistoryTimeWindow()));
        }

        private TopicDefinition toTopic(String path, TopicJson json) {
            TopicProperties p = Objects.requireNonNullElse(json.properties(), TopicProperties.NONE);
            TopicDefinition defaults = TopicDefinition.named(json.name());
            List<SubscriptionDefinition> subscriptions = new ArrayList<>();
            List<SubscriptionJson> subscriptionJsons = Objects.requireNonNullElse(json.subscriptions(), List.of());
            for (int i = 0; i < subscriptionJsons.size(); i++) {
                String subscriptionPath = path + ".Subscriptions[" + i + "]";
                SubscriptionJson subscription = subscriptionJsons.get(i);
                convert(subscriptionPath, () -> toSubscription(subscriptionPath, subscription))
                        .ifPresent(subscriptions::add);
            }
            return new TopicDefinition(json.name(),
                    or(p.defaultMessageTimeToLive(), defaults.defaultMessageTimeToLive()),
                    or(p.requiresDuplicateDetection(), false),
                    or(p.duplicateDetectionHistoryTimeWindow(), defaults.duplicateDetectionHistoryTimeWindow()),
                    subscriptions);
        }

        private SubscriptionDefinition toSubscription(String path, SubscriptionJson json) {
            SubscriptionProperties p = Objects.requireNonNullElse(json.properties(), SubscriptionProperties.NONE);
            refuseForwarding(p.forwardTo(), p.forwardDeadLetteredMessagesTo());
            SubscriptionDefinition defaults = SubscriptionDefinition.named(json.name());
            List<CorrelationFilter> rules = new ArrayList<>();
            List<RuleJson> ruleJsons = Objects.requireNonNullElse(json.rules(), List.of());
            for (int i = 0; i < ruleJsons.size(); i++) {
                RuleJson rule = ruleJsons.get(i);
                convert(path + ".Rules[" + i + "]", () -> toFilter(rule)).ifPresent(rules::add);
            }
            return new SubscriptionDefinition(json.name(),
                    or(p.lockDuration(), defaults.lockDuration()),
                    or(p.maxDeliveryCount(), defaults.maxDeliveryCount()),
                    or(p.defaultMessageTimeToLive(), defaults.defaultMessageTimeToLive()),
                    or(p.deadLetteringOnMessageExpiration(), false),
                    or(p.requiresSession(), false),
                    rules);
        }

        private static CorrelationFilter toFilter(RuleJson rule) {
            RuleProperties p = rule.properties();
            if (p == null || !"Correlation".equals(p.filterType()) || p.correlationFilter() == null) {
                throw new IllegalArgumentException("only FilterType \"Correlation\" with a CorrelationFilter is "
                        + "supported (SQL filters are not)");
            }
            if (p.action() != null) {
                throw new IllegalArgumentException("rule actions are not supported");
            }
            CorrelationFilterJson f = p.correlationFilter();
            return new CorrelationFilter(f.correlationId(), f.messageId(), f.to(), f.replyTo(), f.label(),
                    f.sessionId(), f.replyToSessionId(), f.contentType(), f.properties());
        }

        private static void refuseForwarding(String forwardTo, String forwardDeadLetteredMessagesTo) {
            if ((forwardTo != null && !forwardTo.isEmpty())
                    || (forwardDeadLetteredMessagesTo != null && !forwardDeadLetteredMessagesTo.isEmpty())) {
                throw new IllegalArgumentException("auto-forwarding (ForwardTo, ForwardDeadLetteredMessagesTo) "
                        + "is not supported");
            }
        }

        private <T> Optional<T> convert(String path, Supplier<T> conversion) {
            try {
                return Optional.of(conversion.get());
            } catch (IllegalArgumentException | NullPointerException e) {
                problems.add(path + ": " + e.getMessage());
                return Optional.empty();
            }
        }

        private static <T> T or(T value, T fallback) {
            return value != null ? value : fallback;
        }
    }

    record Document(@JsonProperty("Emulator") EmulatorJson emulator,
                    @JsonProperty("UserConfig") UserConfigJson userConfig) {
    }

    record EmulatorJson(@JsonProperty("Host") String host,
                        @JsonProperty("Port") Integer port,
                        @JsonProperty("SharedAccessKeyName") String sharedAccessKeyName,
                        @JsonProperty("SharedAccessKey") String sharedAccessKey,
                        @JsonProperty("DataDirectory") String dataDirectory) {
    }

    record UserConfigJson(@JsonProperty("Namespaces") List<NamespaceJson> namespaces,
                          @JsonProperty("Logging") Map<String, Object> logging) {
    }

    record NamespaceJson(@JsonProperty("Name") String name,
                         @JsonProperty("Queues") List<QueueJson> queues,
                         @JsonProperty("Topics") List<TopicJson> topics) {
    }

    record QueueJson(@JsonProperty("Name") String name, @JsonProperty("Properties") QueueProperties properties) {
    }

    record QueueProperties(@JsonProperty("DeadLetteringOnMessageExpiration") Boolean deadLetteringOnMessageExpiration,
                           @JsonProperty("DefaultMessageTimeToLive") Duration defaultMessageTimeToLive,
                           @JsonProperty("DuplicateDetectionHistoryTimeWindow")
                           Duration duplicateDetectionHistoryTimeWindow,
                           @JsonProperty("ForwardDeadLetteredMessagesTo") String forwardDeadLetteredMessagesTo,
                           @JsonProperty("ForwardTo") String forwardTo,
                           @JsonProperty("LockDuration") Duration lockDuration,
                           @JsonProperty("MaxDeliveryCount") Integer maxDeliveryCount,
                           @JsonProperty("RequiresDuplicateDetection") Boolean requiresDuplicateDetection,
                           @JsonProperty("RequiresSession") Boolean requiresSession) {
        static final QueueProperties NONE = new QueueProperties(null, null, null, null, null, null, null, null, null);
    }

    record TopicJson(@JsonProperty("Name") String name,
                     @JsonProperty("Properties") TopicProperties properties,
                     @JsonProperty("Subscriptions") List<SubscriptionJson> subscriptions) {
    }

    record TopicProperties(@JsonProperty("DefaultMessageTimeToLive") Duration defaultMessageTimeToLive,
                           @JsonProperty("DuplicateDetectionHistoryTimeWindow")
                           Duration duplicateDetectionHistoryTimeWindow,
                           @JsonProperty("RequiresDuplicateDetection") Boolean requiresDuplicateDetection) {
        static final TopicProperties NONE = new TopicProperties(null, null, null);
    }

    record SubscriptionJson(@JsonProperty("Name") String name,
                            @JsonProperty("Properties") SubscriptionProperties properties,
                            @JsonProperty("Rules") List<RuleJson> rules) {
    }

    record SubscriptionProperties(
            @JsonProperty("DeadLetteringOnMessageExpiration") Boolean deadLetteringOnMessageExpiration,
            @JsonProperty("DefaultMessageTimeToLive") Duration defaultMessageTimeToLive,
            @JsonProperty("LockDuration") Duration lockDuration,
            @JsonProperty("MaxDeliveryCount") Integer maxDeliveryCount,
            @JsonProperty("ForwardDeadLetteredMessagesTo") String forwardDeadLetteredMessagesTo,
            @JsonProperty("ForwardTo") String forwardTo,
            @JsonProperty("RequiresSession") Boolean requiresSession) {
        static final SubscriptionProperties NONE = new SubscriptionProperties(null, null, null, null, null, null, null);
    }

    record RuleJson(@JsonProperty("Name") String name, @JsonProperty("Properties") RuleProperties properties) {
    }

    record RuleProperties(@JsonProperty("FilterType") String filterType,
                          @JsonProperty("CorrelationFilter") CorrelationFilterJson correlationFilter,
                          @JsonProperty("SqlFilter") Map<String, Object> sqlFilter,
                          @JsonProperty("Action") Map<String, Object> action) {
    }

    record CorrelationFilterJson(@JsonProperty("ContentType") String contentType,
                                 @JsonProperty("CorrelationId") String correlationId,
                                 @JsonProperty("Label") String label,
                                 @JsonProperty("MessageId") String messageId,
                                 @JsonProperty("ReplyTo") String replyTo,
                                 @JsonProperty("ReplyToSessionId") String replyToSessionId,
                                 @JsonProperty("SessionId") String sessionId,
                                 @JsonProperty("To") String to,
                                 @JsonProperty("Properties") Map<String, Object> properties) {
    }
}
