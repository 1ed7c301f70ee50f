package io.amlcompute.provisioner.local.servicebus;

import java.time.Duration;

/** What a receivable entity (queue or subscription) needs to know to hand out, lock and expire messages. */
record DeliverySettings(Duration lockDuration, int maxDeliveryCount, Duration defaultMessageTimeToLive,
        boolean deadLetteringOnMessageExpiration, boolean requiresSession) {

    /** Dead-letter queues never expire their messages and have no sessions (Service Bus semantics). */
    DeliverySettings forDeadLetterQueue() {
        return new DeliverySettings(lockDuration, maxDeliveryCount, EntityRules.UNLIMITED_TIME_TO_LIVE, false, false);
    }
}
