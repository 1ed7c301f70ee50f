package io.amlcompute.provisioner.local.servicebus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A topic of the emulated namespace and its subscriptions. Start from {@link #named(String)} (Service Bus
 * defaults) and change what differs.
 *
 * @param name                               the topic name (case-insensitive)
 * @param defaultMessageTimeToLive           upper bound of a message's time to live in every subscription
 * @param requiresDuplicateDetection         a MessageId seen within the window is dropped silently
 * @param duplicateDetectionHistoryTimeWindow how long MessageIds are remembered
 * @param subscriptions                      the subscriptions, unique by name
 */
public record TopicDefinition(String name, Duration defaultMessageTimeToLive, boolean requiresDuplicateDetection,
        Duration duplicateDetectionHistoryTimeWindow, List<SubscriptionDefinition> subscriptions) {

    public TopicDefinition {
        EntityRules.requireName("topic", name);
        EntityRules.requirePositive("defaultMessageTimeToLive", defaultMessageTimeToLive);
        EntityRules.requirePositive("duplicateDetectionHistoryTimeWindow", duplicateDetectionHistoryTimeWindow);
        subscriptions = subscriptions == null ? List.of() : List.copyOf(subscriptions);
        Set<String> seen = new HashSet<>();
        for (SubscriptionDefinition subscription : subscriptions) {
            if (!seen.add(subscription.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("topic '" + name + "' has two subscriptions named '"
                        + subscription.name() + "'");
            }
        }
    }

    /** A topic with the Service Bus defaults (unlimited TTL, no duplicate detection) and no subscriptions. */
    public static TopicDefinition named(String name) {
        return new TopicDefinition(name, EntityRules.UNLIMITED_TIME_TO_LIVE, false,
                EntityRules.DEFAULT_DUPLICATE_DETECTION_WINDOW, List.of());
    }

    public TopicDefinition withDefaultMessageTimeToLive(Duration value) {
        return new TopicDefinition(name, value, requiresDuplicateDetection, duplicateDetectionHistoryTimeWindow,
                subscriptions);
    }

    /** Turns duplicate detection on with the given history window. */
    public TopicDefinition withDuplicateDetection(Duration historyTimeWindow) {
        return new TopicDefinition(name, defaultMessageTimeToLive, true, historyTimeWindow, subscriptions);
    }

    public TopicDefinition withSubscriptions(List<SubscriptionDefinition> value) {
        return new TopicDefinition(name, defaultMessageTimeToLive, requiresDuplicateDetection,
                duplicateDetectionHistoryTimeWindow, value);
    }

    /** Adds one subscription to those already defined. */
    public TopicDefinition withSubscription(SubscriptionDefinition subscription) {
        List<SubscriptionDefinition> all = new ArrayList<>(subscriptions);
        all.add(subscription);
        return withSubscriptions(all);
    }
}
