package io.amlcompute.provisioner.local.servicebus;

import java.time.Instant;
import java.util.UUID;

/**
 * A message handed out to a receiver, to a peek or to a receive-by-sequence-number.
 *
 * @param lockToken   the peek-lock token, or null when nothing is locked (peek, receive-and-delete)
 * @param lockedUntil when the lock (or the session lock) ends, or null
 */
record DeliveredMessage(StoredMessage message, UUID lockToken, Instant lockedUntil) {
}
