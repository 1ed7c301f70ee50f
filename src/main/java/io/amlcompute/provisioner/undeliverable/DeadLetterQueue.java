package io.amlcompute.provisioner.undeliverable;

import java.util.List;

/**
 * The requests queue's dead-letter queue. Implementations are used by one run at a time.
 */
public interface DeadLetterQueue {

    /** Up to {@code maxMessages} messages from the front, in order, without locking them. */
    List<DeadLetter> peek(int maxMessages);

    /**
     * Locks up to {@code maxMessages} messages from the front, in order (fewer when fewer are available), until each
     * is {@link #complete completed} or {@link #release released}.
     */
    List<DeadLetter> lock(int maxMessages);

    /** Removes a locked message from the queue. */
    void complete(DeadLetter message);

    /** Gives a locked message back, unchanged but for its delivery count. */
    void release(DeadLetter message);
}
