package io.amlcompute.provisioner.local.servicebus;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** A queue: its messages (scheduled ones included, as Service Bus shows them to peek) live in one store. */
final class QueueEntity implements SendTarget {

    private final QueueDefinition definition;
    private final MessageStore store;
    private final DuplicateDetector duplicates;
    private final MessageJournal journal;
    private long lastSequenceNumber;

    QueueEntity(QueueDefinition definition, MessageJournal journal) {
        this.definition = definition;
        this.journal = journal;
        String name = definition.name().toLowerCase(Locale.ROOT);
        this.store = MessageStore.withDeadLetterQueue(name, definition.deliverySettings(), journal);
        this.duplicates = definition.requiresDuplicateDetection()
                ? new DuplicateDetector(name, definition.duplicateDetectionHistoryTimeWindow(), journal) : null;
    }

    MessageStore store() {
        return store;
    }

    void restoreLastSequenceNumber(long value) {
        lastSequenceNumber = value;
    }

    @Override
    public String name() {
        return store.path();
    }

    @Override
    public boolean requiresSession() {
        return definition.requiresSession();
    }

    @Override
    public Duration defaultMessageTimeToLive() {
        return definition.defaultMessageTimeToLive();
    }

    @Override
    public DuplicateDetector duplicates() {
        return duplicates;
    }

    @Override
    public long nextSequenceNumber() {
        lastSequenceNumber++;
        journal.saveLastSequenceNumber(name(), lastSequenceNumber);
        return lastSequenceNumber;
    }

    @Override
    public void accept(StoredMessage message) {
        store.add(message);
    }

    @Override
    public boolean cancelScheduled(long sequenceNumber) {
        return store.cancelScheduled(sequenceNumber);
    }

    @Override
    public void sweep(Instant now) {
        if (duplicates != null) {
            duplicates.sweep(now);
        }
        store.sweep(now);
        store.deadLetters().sweep(now);
    }
}
