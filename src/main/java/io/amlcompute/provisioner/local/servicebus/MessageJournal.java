package io.amlcompute.provisioner.local.servicebus;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where the broker writes what must survive a restart, as it happens (write-through): stored messages (including
 * scheduled and dead-lettered ones), the last sequence number of each queue and topic, the duplicate-detection
 * history and session state. Locks are not kept: after a restart every message is available again, as after a
 * lock expiry; the delivery count written when the message was last locked already counts that delivery as
 * failed (see {@code MessageStore.lock}).
 *
 * <p>Store keys are {@link EntityAddress#receivePath()} values (topics use their name for scheduled messages).
 * Called under the namespace's lock only.
 */
sealed interface MessageJournal extends AutoCloseable permits MessageJournal.None, SqliteMessageJournal {

    void saveMessage(String store, StoredMessage message);

    void deleteMessage(String store, long sequenceNumber);

    void saveLastSequenceNumber(String entity, long sequenceNumber);

    void saveDuplicate(String entity, String messageId, Instant forgetAt);

    void forgetDuplicate(String entity, String messageId);

    /** Saves a session's state; {@code null} removes it. */
    void saveSessionState(String store, String sessionId, byte[] state);

    Contents load();

    @Override
    void close();

    /**
     * Everything a journal holds, as read at start.
     *
     * @param messages            per store key, in sequence-number order
     * @param lastSequenceNumbers per queue or topic name
     * @param duplicates          per queue or topic name: MessageId to the instant it may be forgotten
     * @param sessionStates       per store key: session id to state
     */
    record Contents(Map<String, List<StoredMessage>> messages, Map<String, Long> lastSequenceNumbers,
            Map<String, Map<String, Instant>> duplicates, Map<String, Map<String, byte[]>> sessionStates) {

        static Contents empty() {
            return new Contents(Map.of(), Map.of(), Map.of(), Map.of());
        }
    }

    /** Keeps nothing: the in-memory emulator. */
    enum None implements MessageJournal {
        INSTANCE;

        @Override
        public void saveMessage(String store, StoredMessage message) {
        }

        @Override
        public void deleteMessage(String store, long sequenceNumber) {
        }

        @Override
        public void saveLastSequenceNumber(String entity, long sequenceNumber) {
        }

        @Override
        public void saveDuplicate(String entity, String messageId, Instant forgetAt) {
        }

        @Override
        public void forgetDuplicate(String entity, String messageId) {
        }

        @Override
        public void saveSessionState(String store, String sessionId, byte[] state) {
        }

        @Override
        public Contents load() {
            return Contents.empty();
        }

        @Override
        public void close() {
        }
    }
}
