package io.amlcompute.provisioner.local.servicebus;

import java.time.Duration;
import java.time.Instant;

/**
 * An entity senders address: a queue or a topic. It numbers messages, detects duplicates and holds messages
 * until they are due when they were scheduled. Guarded by the namespace's lock.
 */
sealed interface SendTarget permits QueueEntity, TopicEntity {

    String name();

    /** Senders to a session-enabled queue must set a SessionId. */
    boolean requiresSession();

    Duration defaultMessageTimeToLive();

    /** Null when the entity does not detect duplicates. */
    DuplicateDetector duplicates();

    long nextSequenceNumber();

    /** Takes a new message: available now, or held as scheduled until its enqueued time. */
    void accept(StoredMessage message);

    boolean cancelScheduled(long sequenceNumber);

    void sweep(Instant now);
}
