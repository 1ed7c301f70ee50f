package io.amlcompute.provisioner.local.servicebus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The messages of one receivable entity (a queue, a subscription, or the dead-letter queue of either) and the
 * Service Bus rules on them: peek-lock with lock expiry, the delivery count and MaxDeliveryCount, defer,
 * dead-letter, time to live, scheduled activation, sessions. Every method runs under the namespace's lock and is
 * given the namespace's current time.
 */
final class MessageStore {

    static final String MAX_DELIVERY_COUNT_EXCEEDED = "MaxDeliveryCountExceeded";
    static final String TTL_EXPIRED = "TTLExpiredException";

    /** A receive link (or a waiting session acceptor) that wants to hear when messages become available. */
    interface Listener {
        void messagesAvailable();

        /** The session lock this listener held ran out; Service Bus detaches the link then. */
        default void sessionLockLost(String sessionId) {
        }
    }

    /**
     * A peek-lock.
     *
     * @param owner     the receive link it was delivered on, or null when taken through the management node
     * @param sessionId the session it belongs to (its expiry is then the session lock's), or null
     */
    private record MessageLock(UUID token, long sequenceNumber, Listener owner, Instant lockedUntil,
            String sessionId) {
    }

    private final String path;
    private final DeliverySettings settings;
    private final MessageStore deadLetters;
    private final MessageJournal journal;
    private final TreeMap<Long, StoredMessage> messages = new TreeMap<>();
    private final Map<UUID, MessageLock> locks = new HashMap<>();
    private final Map<Long, UUID> lockedSequenceNumbers = new HashMap<>();
    private final MessageSessions sessions;
    private final Set<Listener> listeners = new LinkedHashSet<>();
    /**
     * No message becomes due (scheduled activation) or expires before this: the namespace sweeps before every
     * broker operation, and a sweep that walked every message each time cost more the fuller the entity was.
     */
    private Instant nextClockCheck = Instant.MIN;

    /** A queue or subscription together with its dead-letter queue. */
    static MessageStore withDeadLetterQueue(String path, DeliverySettings settings, MessageJournal journal) {
        MessageStore deadLetters = new MessageStore(path + "/" + EntityAddress.DEAD_LETTER_QUEUE,
                settings.forDeadLetterQueue(), null, journal);
        return new MessageStore(path, settings, deadLetters, journal);
    }

    private MessageStore(String path, DeliverySettings settings, MessageStore deadLetters, MessageJournal journal) {
        this.path = path;
        this.settings = settings;
        this.deadLetters = deadLetters;
        this.journal = journal;
        this.sessions = settings.requiresSession() ? new MessageSessions(path, journal) : null;
    }

    String path() {
        return path;
    }

    boolean requiresSession() {
        return sessions != null;
    }

    /** The dead-letter queue, or null when this is one. */
    MessageStore deadLetters() {
        return deadLetters;
    }

    void addListener(Listener listener) {
        listeners.add(listener);
    }

    void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    /**
     * Puts back a message read from the journal at start. Its delivery count is the one written when it was last
     * delivered ({@link #lock}), so a delivery whose lock was lost with the process counts as failed, as a lock
     * that expires does; one that has now failed MaxDeliveryCount times is dead-lettered.
     */
    void restore(StoredMessage message) {
        put(message);
        if (deadLetters != null && message.state() != MessageState.SCHEDULED
                && message.deliveryCount() >= settings.maxDeliveryCount()) {
            moveToDeadLetters(message, MAX_DELIVERY_COUNT_EXCEEDED, maxDeliveryCountDescription());
        }
    }

    void restoreSessionState(String sessionId, byte[] state) {
        if (sessions != null) {
            sessions.restoreState(sessionId, state);
        }
    }

    void add(StoredMessage message) {
        put(message);
        journal.saveMessage(path, message);
        if (message.state() == MessageState.ACTIVE) {
            notifyAvailable();
        }
    }

    boolean cancelScheduled(long sequenceNumber) {
        StoredMessage message = messages.get(sequenceNumber);
        if (message == null || message.state() != MessageState.SCHEDULED) {
            return false;
        }
        remove(message);
        return true;
    }

    /** Locks the next available message (of the given session, when it is a session receiver's). */
    Optional<DeliveredMessage> lockNext(Listener owner, String sessionId, Instant now) {
        if (sessionId != null && !sessions.isHeldBy(sessionId, owner)) {
            return Optional.empty();
        }
        return nextAvailable(sessionId).map(message -> {
            Instant lockedUntil = sessionId != null
                    ? sessions.lockOf(sessionId).orElseThrow().lockedUntil()
                    : now.plus(settings.lockDuration());
            return lock(message, owner, lockedUntil, sessionId);
        });
    }

    /** Receive-and-delete: removes the next available message and hands it out unlocked. */
    Optional<DeliveredMessage> removeNext(Listener owner, String sessionId) {
        if (sessionId != null && !sessions.isHeldBy(sessionId, owner)) {
            return Optional.empty();
        }
        return nextAvailable(sessionId).map(message -> {
            remove(message);
            return new DeliveredMessage(message, null, null);
        });
    }

    private Optional<StoredMessage> nextAvailable(String sessionId) {
        return messages.values().stream()
                .filter(message -> message.state() == MessageState.ACTIVE)
                .filter(message -> !lockedSequenceNumbers.containsKey(message.sequenceNumber()))
                .filter(message -> sessionId == null || sessionId.equals(message.facts().sessionId()))
                .findFirst();
    }

    /**
     * Locks a message for a receiver. Service Bus counts a delivery when it hands the message out: one whose
     * receiver never settles it (a crash) comes back with the count up once the lock expires, and is
     * dead-lettered after MaxDeliveryCount ("Message transfers, locks, and settlement",
     * https://learn.microsoft.com/azure/service-bus-messaging/message-transfers-locks-settlement, and
     * "Dead-letter queues", MaxDeliveryCountExceeded). The journal gets the count this delivery will have if it
     * fails, so a process that dies holding the lock leaves the count a lock expiry would have left.
     */
    private DeliveredMessage lock(StoredMessage message, Listener owner, Instant lockedUntil, String sessionId) {
        journal.saveMessage(path, message.withDeliveryCount(message.deliveryCount() + 1));
        UUID token = UUID.randomUUID();
        locks.put(token, new MessageLock(token, message.sequenceNumber(), owner, lockedUntil, sessionId));
        lockedSequenceNumbers.put(message.sequenceNumber(), token);
        return new DeliveredMessage(message, token, lockedUntil);
    }

    void settle(UUID lockToken, Settlement settlement, Instant now) {
        MessageLock lock = requireLock(lockToken, now);
        if (settlement instanceof Settlement.DeadLetter && deadLetters == null) {
            throw BrokerError.NOT_ALLOWED.exception("a message in a dead-letter queue cannot be dead-lettered again");
        }
        unlock(lock);
        StoredMessage message = messages.get(lock.sequenceNumber());
        if (settlement instanceof Settlement.Complete) {
            remove(message);
        } else if (settlement instanceof Settlement.Release) {
            replace(message); // a release is no failed delivery: the journal gets the count back
            notifyAvailable();
        } else if (settlement instanceof Settlement.Abandon abandon) {
            afterFailedDelivery(modified(message, abandon.propertiesToModify()), now);
        } else if (settlement instanceof Settlement.Defer defer) {
            replace(modified(message, defer.propertiesToModify()).withState(MessageState.DEFERRED));
        } else if (settlement instanceof Settlement.DeadLetter deadLetter) {
            moveToDeadLetters(modified(message, deadLetter.propertiesToModify()), deadLetter.reason(),
                    deadLetter.description());
        }
    }

    Instant renewLock(UUID lockToken, Instant now) {
        MessageLock lock = requireLock(lockToken, now);
        if (lock.sessionId() != null) {
            return sessions.lockOf(lock.sessionId()).orElseThrow().lockedUntil();
        }
        Instant lockedUntil = now.plus(settings.lockDuration());
        locks.put(lockToken, new MessageLock(lockToken, lock.sequenceNumber(), lock.owner(), lockedUntil, null));
        return lockedUntil;
    }

    private MessageLock requireLock(UUID lockToken, Instant now) {
        MessageLock lock = locks.get(lockToken);
        if (lock == null) {
            throw BrokerError.MESSAGE_LOCK_LOST.exception("The lock supplied is invalid. Either the lock expired, "
                    + "or the message has already been removed from the queue. Reference: " + lockToken);
        }
        if (lock.sessionId() != null && !sessions.isHeldBy(lock.sessionId(), lock.owner())) {
            throw BrokerError.SESSION_LOCK_LOST.exception("the session lock of '" + lock.sessionId()
                    + "' was lost; the message can no longer be settled");
        }
        if (lock.sessionId() == null && !lock.lockedUntil().isAfter(now)) {
            throw BrokerError.MESSAGE_LOCK_LOST.exception("the lock of message " + lock.sequenceNumber()
                    + " expired at " + lock.lockedUntil());
        }
        return lock;
    }

    private void unlock(MessageLock lock) {
        locks.remove(lock.token());
        lockedSequenceNumbers.remove(lock.sequenceNumber());
    }

    /** An abandon or an expired lock: count the delivery, dead-letter after MaxDeliveryCount, else offer again. */
    private void afterFailedDelivery(StoredMessage message, Instant now) {
        StoredMessage counted = message.withDeliveryCount(message.deliveryCount() + 1);
        if (deadLetters != null && counted.deliveryCount() >= settings.maxDeliveryCount()) {
            moveToDeadLetters(counted, MAX_DELIVERY_COUNT_EXCEEDED, maxDeliveryCountDescription());
        } else {
            replace(counted);
            notifyAvailable();
        }
    }

    private String maxDeliveryCountDescription() {
        return "Message could not be consumed after " + settings.maxDeliveryCount() + " delivery attempts.";
    }

    private void moveToDeadLetters(StoredMessage message, String reason, String description) {
        remove(message);
        Map<String, Object> properties = new LinkedHashMap<>();
        if (reason != null) {
            properties.put(AmqpMessages.DEAD_LETTER_REASON, reason);
        }
        if (description != null) {
            properties.put(AmqpMessages.DEAD_LETTER_DESCRIPTION, description);
        }
        byte[] encoded = AmqpMessages.withApplicationProperties(message.encoded(), properties);
        deadLetters.add(message.withEncoded(encoded, MessageFacts.of(AmqpMessages.decode(encoded)))
                .withState(MessageState.ACTIVE)
                .deadLettered(new StoredMessage.DeadLetterInfo(reason, description)));
    }

    private static StoredMessage modified(StoredMessage message, Map<String, Object> propertiesToModify) {
        if (propertiesToModify == null || propertiesToModify.isEmpty()) {
            return message;
        }
        byte[] encoded = AmqpMessages.withApplicationProperties(message.encoded(), propertiesToModify);
        return message.withEncoded(encoded, MessageFacts.of(AmqpMessages.decode(encoded)));
    }

    private void replace(StoredMessage message) {
        put(message);
        journal.saveMessage(path, message);
    }

    private void put(StoredMessage message) {
        messages.put(message.sequenceNumber(), message);
        Instant check = clockCheckOf(message);
        if (check.isBefore(nextClockCheck)) {
            nextClockCheck = check;
        }
    }

    /** When the clock may change this message: a scheduled one's activation, otherwise its expiry (if it expires here). */
    private Instant clockCheckOf(StoredMessage message) {
        if (message.state() == MessageState.SCHEDULED) {
            return message.enqueuedTime();
        }
        return deadLetters != null ? message.expiresAt() : Instant.MAX;
    }

    private void remove(StoredMessage message) {
        messages.remove(message.sequenceNumber());
        journal.deleteMessage(path, message.sequenceNumber());
    }

    /** Messages from a sequence number on, whatever their state, without locking them. */
    List<DeliveredMessage> peek(long fromSequenceNumber, int count, String sessionId) {
        return messages.tailMap(fromSequenceNumber, true).values().stream()
                .filter(message -> sessionId == null || sessionId.equals(message.facts().sessionId()))
                .limit(Math.max(0, count))
                .map(message -> new DeliveredMessage(message, null, null))
                .toList();
    }

    /** Deferred messages by sequence number: locked (peek-lock) or removed (receive-and-delete). */
    List<DeliveredMessage> receiveDeferred(List<Long> sequenceNumbers, boolean peekLock, String sessionId,
            Instant now) {
        List<StoredMessage> found = new ArrayList<>();
        for (long sequenceNumber : sequenceNumbers) {
            StoredMessage message = messages.get(sequenceNumber);
            if (message == null || message.state() != MessageState.DEFERRED
                    || lockedSequenceNumbers.containsKey(sequenceNumber)
                    || (sessionId != null && !sessionId.equals(message.facts().sessionId()))) {
                throw BrokerError.MESSAGE_NOT_FOUND.exception("Failed to lock one or more specified messages. "
                        + "No deferred message with sequence number " + sequenceNumber + " is available.");
            }
            found.add(message);
        }
        List<DeliveredMessage> delivered = new ArrayList<>();
        for (StoredMessage message : found) {
            if (peekLock) {
                delivered.add(lock(message, null, now.plus(settings.lockDuration()), null));
            } else {
                remove(message);
                delivered.add(new DeliveredMessage(message, null, null));
            }
        }
        return delivered;
    }

    /**
     * Accepts a session for a receive link: the given one (refused when another receiver holds it), or with
     * {@code null} the first unlocked session that has an available message. Empty when there is none yet.
     */
    Optional<MessageSessions.SessionLock> acceptSession(String sessionId, Listener owner, Instant now) {
        requireSessions();
        return sessions.accept(sessionId, owner, now.plus(settings.lockDuration()),
                messages.values().stream()
                        .filter(message -> message.state() == MessageState.ACTIVE)
                        .filter(message -> !lockedSequenceNumbers.containsKey(message.sequenceNumber()))
                        .map(message -> message.facts().sessionId()));
    }

    /** The receiver closed its link: the session is free, its unsettled messages count a failed delivery. */
    void releaseSession(String sessionId, Listener owner, Instant now) {
        if (sessions.isHeldBy(sessionId, owner)) {
            sessions.unlock(sessionId);
            returnSessionMessages(sessionId, now);
            notifyAvailable();
        }
    }

    Instant renewSessionLock(String sessionId, Instant now) {
        return sessions.renew(sessionId, now.plus(settings.lockDuration()));
    }

    byte[] sessionState(String sessionId) {
        requireSessions();
        return sessions.state(sessionId);
    }

    void setSessionState(String sessionId, byte[] state) {
        requireSessions();
        sessions.setState(sessionId, state);
    }

    private void requireSessions() {
        if (sessions == null) {
            throw BrokerError.NOT_ALLOWED.exception("'" + path + "' is not session-enabled");
        }
    }

    private void returnSessionMessages(String sessionId, Instant now) {
        for (MessageLock lock : List.copyOf(locks.values())) {
            if (sessionId.equals(lock.sessionId())) {
                unlock(lock);
                afterFailedDelivery(messages.get(lock.sequenceNumber()), now);
            }
        }
    }

    /** Applies the clock: expired locks and session locks, due scheduled messages, expired time to live. */
    void sweep(Instant now) {
        boolean available = false;
        for (MessageLock lock : List.copyOf(locks.values())) {
            if (lock.sessionId() == null && !lock.lockedUntil().isAfter(now)) {
                unlock(lock);
                afterFailedDelivery(messages.get(lock.sequenceNumber()), now);
            }
        }
        if (sessions != null) {
            for (MessageSessions.SessionLock expired : sessions.expiredAt(now)) {
                sessions.unlock(expired.sessionId());
                returnSessionMessages(expired.sessionId(), now);
                expired.owner().sessionLockLost(expired.sessionId());
                available = true;
            }
        }
        if (!now.isBefore(nextClockCheck)) {
            for (StoredMessage message : List.copyOf(messages.values())) {
                if (message.state() == MessageState.SCHEDULED && !message.enqueuedTime().isAfter(now)) {
                    replace(message.withState(MessageState.ACTIVE));
                    available = true;
                }
            }
            if (deadLetters != null) {
                expireMessages(now);
            }
            // A locked message that has expired keeps this at or before now: it expires once its lock is gone.
            nextClockCheck = messages.values().stream().map(this::clockCheckOf).min(Instant::compareTo)
                    .orElse(Instant.MAX);
        }
        if (available) {
            notifyAvailable();
        }
    }

    // Service Bus does not expire a message while it is locked; it may expire once the lock is gone.
    private void expireMessages(Instant now) {
        for (StoredMessage message : List.copyOf(messages.values())) {
            boolean expirable = message.state() != MessageState.SCHEDULED
                    && !lockedSequenceNumbers.containsKey(message.sequenceNumber());
            if (expirable && message.expiredAt(now)) {
                if (settings.deadLetteringOnMessageExpiration()) {
                    moveToDeadLetters(message, TTL_EXPIRED, "The message expired and was dead lettered.");
                } else {
                    remove(message);
                }
            }
        }
    }

    private void notifyAvailable() {
        for (Listener listener : List.copyOf(listeners)) {
            listener.messagesAvailable();
        }
    }
}
