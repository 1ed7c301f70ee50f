package io.amlcompute.provisioner.local.servicebus;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Service Bus duplicate detection for one queue or topic: a MessageId sent again within the history window is
 * accepted and dropped, so a retrying sender cannot tell (and needs not). Guarded by the namespace's lock.
 */
final class DuplicateDetector {

    private final String entity;
    private final Duration window;
    private final MessageJournal journal;
    private final Map<String, Instant> forgetAt = new HashMap<>();

    DuplicateDetector(String entity, Duration window, MessageJournal journal) {
        this.entity = entity;
        this.window = window;
        this.journal = journal;
    }

    void restore(Map<String, Instant> history) {
        forgetAt.putAll(history);
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
        forgetAt.put(messageId, until);
        journal.saveDuplicate(entity, messageId, until);
        return false;
    }

    void sweep(Instant now) {
        forgetAt.entrySet().removeIf(entry -> {
            boolean expired = !entry.getValue().isAfter(now);
            if (expired) {
                journal.forgetDuplicate(entity, entry.getKey());
            }
            return expired;
        });
    }
}
