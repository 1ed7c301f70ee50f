package io.amlcompute.provisioner.local.servicebus;

import java.time.Instant;

/**
 * A message as the broker keeps it. Immutable: every change of state produces a new value, which is what the
 * journal writes.
 *
 * @param sequenceNumber        unique per queue or topic, kept when the message moves to a dead-letter queue
 * @param encoded               the AMQP message as the sender encoded it (plus any properties the broker modified)
 * @param facts                 what the broker routes and decides on, read from {@code encoded}
 * @param enqueuedTime          when the message became available (for a scheduled one: when it is due)
 * @param expiresAt             when its time to live runs out
 * @param deliveryCount         failed deliveries so far (abandons and lock expiries), sent as the header's
 *                              delivery-count, which counts prior attempts (AMQP 1.0 §3.2.1); the journal holds
 *                              one more while the message is locked (see {@link MessageJournal})
 * @param deadLetter            why it was dead-lettered, or null
 */
record StoredMessage(long sequenceNumber, byte[] encoded, MessageFacts facts, MessageState state,
        Instant enqueuedTime, Instant expiresAt, int deliveryCount, DeadLetterInfo deadLetter) {

    StoredMessage withState(MessageState value) {
        return new StoredMessage(sequenceNumber, encoded, facts, value, enqueuedTime, expiresAt, deliveryCount,
                deadLetter);
    }

    StoredMessage withDeliveryCount(int value) {
        return new StoredMessage(sequenceNumber, encoded, facts, state, enqueuedTime, expiresAt, value, deadLetter);
    }

    StoredMessage withEncoded(byte[] value, MessageFacts newFacts) {
        return new StoredMessage(sequenceNumber, value, newFacts, state, enqueuedTime, expiresAt, deliveryCount,
                deadLetter);
    }

    StoredMessage activatedAt(Instant now, Instant newExpiry) {
        return new StoredMessage(sequenceNumber, encoded, facts, MessageState.ACTIVE, now, newExpiry, deliveryCount,
                deadLetter);
    }

    StoredMessage deadLettered(DeadLetterInfo info) {
        return new StoredMessage(sequenceNumber, encoded, facts, MessageState.ACTIVE, enqueuedTime, expiresAt,
                deliveryCount, info);
    }

    boolean expiredAt(Instant now) {
        return !expiresAt.isAfter(now);
    }

    /** Why a message was dead-lettered (also in its {@code DeadLetterReason} application properties). */
    record DeadLetterInfo(String reason, String description) {
    }
}
