package io.amlcompute.provisioner.local.servicebus;

import java.time.Duration;
import java.util.List;

/**
 * A subscription of a topic. A message published to the topic is copied into the subscription when any of its
 * rules matches, or always when it has no rules (Service Bus's default {@code TrueFilter}).
 * Start from {@link #named(String)} (Service Bus defaults) and change what differs.
 *
 * @param name                             the subscription name (case-insensitive)
 * @param lockDuration                     how long a peek-lock (or session lock) lasts, at most PT5M
 * @param maxDeliveryCount                 deliveries after which a message is dead-lettered
 * @param defaultMessageTimeToLive         upper bound of a message's time to live in this subscription
 * @param deadLetteringOnMessageExpiration expired messages go to the dead-letter queue instead of being dropped
 * @param requiresSession                  only session receivers may receive; messages without a SessionId
 *                                         are not copied into it
 * @param rules                            correlation filters, any of which admits a message
 */
public record SubscriptionDefinition(String name, Duration lockDuration, int maxDeliveryCount,
        Duration defaultMessageTimeToLive, boolean deadLetteringOnMessageExpiration, boolean requiresSession,
        List<CorrelationFilter> rules) {

    public SubscriptionDefinition {
        EntityRules.requireName("subscription", name);
        EntityRules.requireLockDuration(lockDuration);
        EntityRules.requireMaxDeliveryCount(maxDeliveryCount);
        EntityRules.requirePositive("defaultMessageTimeToLive", defaultMessageTimeToLive);
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** A subscription that takes every message, with the Service Bus defaults. */
    public static SubscriptionDefinition named(String name) {
        return new SubscriptionDefinition(name, EntityRules.DEFAULT_LOCK_DURATION,
                EntityRules.DEFAULT_MAX_DELIVERY_COUNT, EntityRules.UNLIMITED_TIME_TO_LIVE, false, false, List.of());
    }

    public SubscriptionDefinition withLockDuration(Duration value) {
        return new SubscriptionDefinition(name, value, maxDeliveryCount, defaultMessageTimeToLive,
                deadLetteringOnMessageExpiration, requiresSession, rules);
    }

    public SubscriptionDefinition withMaxDeliveryCount(int value) {
        return new SubscriptionDefinition(name, lockDuration, value, defaultMessageTimeToLive,
                deadLetteringOnMessageExpiration, requiresSession, rules);
    }

    public SubscriptionDefinition withDefaultMessageTimeToLive(Duration value) {
        return new SubscriptionDefinition(name, lockDuration, maxDeliveryCount, value,
                deadLetteringOnMessageExpiration, requiresSession, rules);
    }

    public SubscriptionDefinition withDeadLetteringOnMessageExpiration(boolean value) {
        return new SubscriptionDefinition(name, lockDuration, maxDeliveryCount, defaultMessageTimeToLive, value,
                requiresSession, rules);
    }

    public SubscriptionDefinition withRequiresSession(boolean value) {
        return new SubscriptionDefinition(name, lockDuration, maxDeliveryCount, defaultMessageTimeToLive,
                deadLetteringOnMessageExpiration, value, rules);
    }

    public SubscriptionDefinition withRules(List<CorrelationFilter> value) {
        return new SubscriptionDefinition(name, lockDuration, maxDeliveryCount, defaultMessageTimeToLive,
                deadLetteringOnMessageExpiration, requiresSession, value);
    }

    boolean admits(MessageFacts message) {
        if (requiresSession && message.sessionId() == null) {
            return false;
        }
        return rules.isEmpty() || rules.stream().anyMatch(rule -> rule.matches(message));
    }

    DeliverySettings deliverySettings() {
        return new DeliverySettings(lockDuration, maxDeliveryCount, defaultMessageTimeToLive,
                deadLetteringOnMessageExpiration, requiresSession);
    }
}
