package io.amlcompute.provisioner.local.servicebus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The session locks and session state of one session-enabled queue or subscription. A session exists as long as
 * it has messages or state; at most one receiver holds its lock at a time. Guarded by the namespace's lock.
 */
final class MessageSessions {

    /**
     * A held session lock.
     *
     * @param owner the receive link holding it
     */
    record SessionLock(String sessionId, MessageStore.Listener owner, Instant lockedUntil) {
    }

    private final String store;
    private final MessageJournal journal;
    private final Map<String, SessionLock> locks = new HashMap<>();
    private final Map<String, byte[]> states = new HashMap<>();

    MessageSessions(String store, MessageJournal journal) {
        this.store = store;
        this.journal = journal;
    }

    void restoreState(String sessionId, byte[] state) {
        states.put(sessionId, state);
    }

    Optional<SessionLock> lockOf(String sessionId) {
        return Optional.ofNullable(locks.get(sessionId));
    }

    boolean isLocked(String sessionId) {
        return locks.containsKey(sessionId);
    }

    boolean isHeldBy(String sessionId, MessageStore.Listener owner) {
        SessionLock lock = locks.get(sessionId);
        return lock != null && lock.owner() == owner;
    }

    /**
     * Locks the given session for a receiver (refused when another receiver holds it), or with {@code null} the
     * first of the candidates (session ids of available messages, in sequence order) nobody holds.
     */
    Optional<SessionLock> accept(String sessionId, MessageStore.Listener owner, Instant lockedUntil,
            Stream<String> candidates) {
        if (sessionId != null) {
            if (isLocked(sessionId)) {
                throw BrokerError.SESSION_CANNOT_BE_LOCKED.exception("The requested session '" + sessionId
                        + "' cannot be accepted. It may be locked by another receiver.");
            }
            return Optional.of(lock(sessionId, owner, lockedUntil));
        }
        return candidates.filter(Objects::nonNull)
                .filter(candidate -> !isLocked(candidate))
                .findFirst()
                .map(candidate -> lock(candidate, owner, lockedUntil));
    }

    private SessionLock lock(String sessionId, MessageStore.Listener owner, Instant lockedUntil) {
        SessionLock lock = new SessionLock(sessionId, owner, lockedUntil);
        locks.put(sessionId, lock);
        return lock;
    }

    void unlock(String sessionId) {
        locks.remove(sessionId);
    }

    Instant renew(String sessionId, Instant lockedUntil) {
        SessionLock lock = locks.get(sessionId);
        if (lock == null) {
            throw BrokerError.SESSION_LOCK_LOST.exception("the session lock of '" + sessionId
                    + "' was lost or released; accept the session again");
        }
        locks.put(sessionId, new SessionLock(sessionId, lock.owner(), lockedUntil));
        return lockedUntil;
    }

    List<SessionLock> expiredAt(Instant now) {
        List<SessionLock> expired = new ArrayList<>();
        for (SessionLock lock : locks.values()) {
            if (!lock.lockedUntil().isAfter(now)) {
                expired.add(lock);
            }
        }
        return expired;
    }

    byte[] state(String sessionId) {
        return states.get(sessionId);
    }

    void setState(String sessionId, byte[] state) {
        if (state == null) {
            states.remove(sessionId);
        } else {
            states.put(sessionId, state.clone());
        }
        journal.saveSessionState(store, sessionId, state);
    }
}
