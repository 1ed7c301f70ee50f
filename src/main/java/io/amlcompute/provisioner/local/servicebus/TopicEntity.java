package io.amlcompute.provisioner.local.servicebus;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A topic: it numbers and de-duplicates what is published, holds scheduled messages until they are due, then
 * copies each message into every subscription whose rules admit it (same sequence number in each).
 */
final class TopicEntity implements SendTarget {

    private final TopicDefinition definition;
    private final String name;
    private final MessageJournal journal;
    private final Map<String, SubscriptionDefinition> definitions = new LinkedHashMap<>();
    private final Map<String, MessageStore> subscriptions = new LinkedHashMap<>();
    private final TreeMap<Long, StoredMessage> scheduled = new TreeMap<>();
    private final DuplicateDetector duplicates;
    private long lastSequenceNumber;

    TopicEntity(TopicDefinition definition, MessageJournal journal) {
        this.definition = definition;
        this.name = definition.name().toLowerCase(Locale.ROOT);
        this.journal = journal;
        for (SubscriptionDefinition subscription : definition.subscriptions()) {
            String key = subscription.name().toLowerCase(Locale.ROOT);
            definitions.put(key, subscription);
            subscriptions.put(key, MessageStore.withDeadLetterQueue(
                    name + "/" + EntityAddress.SUBSCRIPTIONS + "/" + key, subscription.deliverySettings(), journal));
        }
        this.duplicates = definition.requiresDuplicateDetection()
                ? new DuplicateDetector(name, definition.duplicateDetectionHistoryTimeWindow(), journal) : null;
    }

    /** The subscription's store, or null. */
    MessageStore subscription(String subscriptionName) {
        return subscriptions.get(subscriptionName);
    }

    List<MessageStore> subscriptionStores() {
        return List.copyOf(subscriptions.values());
    }

    void restoreLastSequenceNumber(long value) {
        lastSequenceNumber = value;
    }

    void restoreScheduled(StoredMessage message) {
        scheduled.put(message.sequenceNumber(), message);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean requiresSession() {
        return false;
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
        journal.saveLastSequenceNumber(name, lastSequenceNumber);
        return lastSequenceNumber;
    }

    @Override
    public void accept(StoredMessage message) {
        if (message.state() == MessageState.SCHEDULED) {
            scheduled.put(message.sequenceNumber(), message);
            journal.saveMessage(name, message);
        } else {
            fanOut(message);
        }
    }

    private void fanOut(StoredMessage message) {
        subscriptions.forEach((key, store) -> {
            SubscriptionDefinition subscription = definitions.get(key);
            if (subscription.admits(message.facts())) {
                Duration ttl = TimeToLive.effective(Duration.between(message.enqueuedTime(), message.expiresAt()),
                        subscription.defaultMessageTimeToLive());
                store.add(new StoredMessage(message.sequenceNumber(), message.encoded(), message.facts(),
                        MessageState.ACTIVE, message.enqueuedTime(), TimeToLive.expiry(message.enqueuedTime(), ttl),
                        0, null));
            }
        });
    }

    @Override
    public boolean cancelScheduled(long sequenceNumber) {
        if (scheduled.remove(sequenceNumber) == null) {
            return false;
        }
        journal.deleteMessage(name, sequenceNumber);
        return true;
    }

    @Override
    public void sweep(Instant now) {
        if (duplicates != null) {
            duplicates.sweep(now);
        }
        while (!scheduled.isEmpty()) {
            StoredMessage due = scheduled.values().stream()
                    .filter(message -> !message.enqueuedTime().isAfter(now))
                    .findFirst().orElse(null);
            if (due == null) {
                break;
            }
            scheduled.remove(due.sequenceNumber());
            journal.deleteMessage(name, due.sequenceNumber());
            fanOut(due.withState(MessageState.ACTIVE));
        }
        for (MessageStore store : subscriptions.values()) {
            store.sweep(now);
            store.deadLetters().sweep(now);
        }
    }
}
