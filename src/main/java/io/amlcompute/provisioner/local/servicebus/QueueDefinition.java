package io.amlcompute.provisioner.local.servicebus;

import java.time.Duration;

/**
 * A queue of the emulated namespace, with the Service Bus properties the emulator honours.
 * Start from {@link #named(String)} (Service Bus defaults) and change what differs.
 *
 * @param name                               the queue name; names are case-insensitive, as in Service Bus
 * @param lockDuration                       how long a peek-lock (or session lock) lasts, at most PT5M
 * @param maxDeliveryCount                   deliveries after which a message is dead-lettered with
 *                                           {@code MaxDeliveryCountExceeded}
 * @param defaultMessageTimeToLive           upper bound of a message's time to live
 * @param deadLetteringOnMessageExpiration   expired messages go to the dead-letter queue ({@code TTLExpiredException})
 *                                           instead of being dropped
 * @param requiresSession                    only session receivers may receive; senders must set a SessionId
 * @param requiresDuplicateDetection         a MessageId seen within the window is dropped silently
 * @param duplicateDetectionHistoryTimeWindow how long MessageIds are remembered
 */
public record QueueDefinition(String name, Duration lockDuration, int maxDeliveryCount,
        Duration defaultMessageTimeToLive, boolean deadLetteringOnMessageExpiration, boolean requiresSession,
        boolean requiresDuplicateDetection, Duration duplicateDetectionHistoryTimeWindow) {

    public QueueDefinition {
        EntityRules.requireName("queue", name);
        EntityRules.requireLockDuration(lockDuration);
        EntityRules.requireMaxDeliveryCount(maxDeliveryCount);
        EntityRules.requirePositive("defaultMessageTimeToLive", defaultMessageTimeToLive);
        EntityRules.requirePositive("duplicateDetectionHistoryTimeWindow", duplicateDetectionHistoryTimeWindow);
    }

    /** A queue with the Service Bus defaults: PT1M lock, 10 deliveries, unlimited TTL, no sessions, no dedup. */
    public static QueueDefinition named(String name) {
        return new QueueDefinition(name, EntityRules.DEFAULT_LOCK_DURATION, EntityRules.DEFAULT_MAX_DELIVERY_COUNT,
                EntityRules.UNLIMITED_TIME_TO_LIVE, false, false, false,
                EntityRules.DEFAULT_DUPLICATE_DETECTION_WINDOW);
    }

    public QueueDefinition withLockDuration(Duration value) {
        return new QueueDefinition(name, value, maxDeliveryCount, defaultMessageTimeToLive,
                deadLetteringOnMessageExpiration, requiresSession, requiresDuplicateDetection,
                duplicateDetectionHistoryTimeWindow);
    }

    public QueueDefinition withMaxDeliveryCount(int value) {
        return new QueueDefinition(name, lockDuration, value, defaultMessageTimeToLive,
                deadLetteringOnMessageExpiration, requiresSession, requiresDuplicateDetection,
                duplicateDetectionHistoryTimeWindow);
    }

    public QueueDefinition withDefaultMessageTimeToLive(Duration value) {
        return new QueueDefinition(name, lockDuration, maxDeliveryCount, value, deadLetteringOnMessageExpiration,
                requiresSession, requiresDuplicateDetection, duplicateDetectionHistoryTimeWindow);
    }

    public QueueDefinition withDeadLetteringOnMessageExpiration(boolean value) {
        return new QueueDefinition(name, lockDuration, maxDeliveryCount, defaultMessageTimeToLive, value,
                requiresSession, requiresDuplicateDetection, duplicateDetectionHistoryTimeWindow);
    }

    public QueueDefinition withRequiresSession(boolean value) {
        return new QueueDefinition(name, lockDuration, maxDeliveryCount, defaultMessageTimeToLive,
                deadLetteringOnMessageExpiration, value, requiresDuplicateDetection,
                duplicateDetectionHistoryTimeWindow);
    }

    /** Turns duplicate detection on with the given history window. */
    public QueueDefinition withDuplicateDetection(Duration historyTimeWindow) {
        return new QueueDefinition(name, lockDuration, maxDeliveryCount, defaultMessageTimeToLive,
                deadLetteringOnMessageExpiration, requiresSession, true, historyTimeWindow);
    }

    DeliverySettings deliverySettings() {
        return new DeliverySettings(lockDuration, maxDeliveryCount, defaultMessageTimeToLive,
                deadLetteringOnMessageExpiration, requiresSession);
    }
}
