package io.amlcompute.provisioner.local.servicebus;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Service Bus duplicate detection for one queue or topic: a MessageId sent again within the history window is
 * accepted and dropped, so a retrying sender cannot tell (and needs not). Guarded by the namespace's lock.
 *
 * <p>The namespace sweeps before every broker operation, so a sweep must not cost more than what has expired: the
 * MessageIds also wait in a queue ordered by when they may be forgotten, and a sweep takes only its due head.
 */
final class DuplicateDetector {

    /** When a MessageId may be forgotten; stale once the id was forgotten or recorded again. */
    private record Expiry(String messageId, Instant forgetAt) {
    }

    private final String entity;
    private final Duration window;
    private final MessageJournal journal;
    private final Map<String, Instant> forgetAt = new HashMap<>();
    private final PriorityQueue<Expiry> expiries = new PriorityQueue<>(Comparator.comparing(Expiry::forgetAt));

    DuplicateDetector(String entity, Duration window, MessageJournal journal) {
        this.entity = entity;
        this.window = window;
        this.journal = journal;
    }

    void restore(Map<String, Instant> history) {
        history.forEach(this::remember);
    }

    /** Records the MessageId and answers whether it was already seen inside the window. */
    boolean isDuplicate(String messageId, Instant now) {
        if (messageId == null) {
            return false;
        }
        Instant known = forgetAt.get(messageId);
        if (known != null && known.isAfter(now)) {
            return true;
        }
        Instant until = now.plus(window);
        remember(messageId, until);
        journal.saveDuplicate(entity, messageId, until);
        return false;
    }

    void sweep(Instant now) {
        while (!expiries.isEmpty() && !expiries.peek().forgetAt().isAfter(now)) {
            Expiry due = expiries.poll();
            if (due.forgetAt().equals(forgetAt.get(due.messageId()))) {
                forgetAt.remove(due.messageId());
                journal.forgetDuplicate(entity, due.messageId());
            }
        }
    }

    private void remember(String messageId, Instant until) {
        forgetAt.put(messageId, until);
        expiries.add(new Expiry(messageId, until));
    }
}
