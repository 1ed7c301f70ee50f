package io.amlcompute.provisioner.local.servicebus;

import org.apache.qpid.proton.message.Message;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The emulated Service Bus namespace: its queues and topics, one lock around all of them, and the clock.
 * Every broker operation runs inside {@link #transact(Function)}, which first applies the clock (lock expiry,
 * time to live, scheduled messages, duplicate-detection history) so that what a client sees follows the clock
 * exactly, whether a background tick has run yet or not.
 */
final class Namespace implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Namespace.class.getName());

    private final Clock clock;
    private final MessageJournal journal;
    private final Map<String, QueueEntity> queues = new LinkedHashMap<>();
    private final Map<String, TopicEntity> topics = new LinkedHashMap<>();
    private Instant lastSwept = Instant.MIN;

    Namespace(ServiceBusEmulatorConfig config, MessageJournal journal) {
        this.clock = config.clock();
        this.journal = journal;
        config.queues().forEach(queue -> queues.put(key(queue.name()), new QueueEntity(queue, journal)));
        config.topics().forEach(topic -> topics.put(key(topic.name()), new TopicEntity(topic, journal)));
        restore(journal.load());
    }

    /** Runs a broker operation under the namespace's lock, at the clock's current time (millisecond precision). */
    synchronized <T> T transact(Function<Instant, T> operation) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        sweep(now);
        return operation.apply(now);
    }

    /** Applies the clock; the background tick calls this so that nothing waits for the next client request. */
    void tick() {
        transact(now -> null);
    }

    private void sweep(Instant now) {
        if (!now.isAfter(lastSwept)) {
            return;
        }
        lastSwept = now;
        queues.values().forEach(queue -> queue.sweep(now));
        topics.values().forEach(topic -> topic.sweep(now));
    }

    /** The queue or topic senders address; subscriptions and dead-letter queues cannot be sent to. */
    SendTarget sendTarget(EntityAddress address) {
        if (address.subscription() != null || address.deadLetterQueue()) {
            throw BrokerError.NOT_ALLOWED.exception("cannot send to '" + address.receivePath()
                    + "': only queues and topics take messages from senders");
        }
        SendTarget target = queues.containsKey(address.entity())
                ? queues.get(address.entity()) : topics.get(address.entity());
        if (target == null) {
            throw BrokerError.ENTITY_NOT_FOUND.exception("The messaging entity '" + address.entity()
                    + "' could not be found.");
        }
        return target;
    }

    /** The store receivers of a queue, a subscription, or a dead-letter queue of either take messages from. */
    MessageStore receiveStore(EntityAddress address) {
        MessageStore store = null;
        if (address.subscription() == null && queues.containsKey(address.entity())) {
            store = queues.get(address.entity()).store();
        } else if (address.subscription() != null && topics.containsKey(address.entity())) {
            store = topics.get(address.entity()).subscription(address.subscription());
        } else if (topics.containsKey(address.entity())) {
            throw BrokerError.NOT_ALLOWED.exception("cannot receive from topic '" + address.entity()
                    + "'; receive from one of its subscriptions");
        }
        if (store == null) {
            throw BrokerError.ENTITY_NOT_FOUND.exception("The messaging entity '" + address.receivePath()
                    + "' could not be found.");
        }
        return address.deadLetterQueue() ? store.deadLetters() : store;
    }

    /**
     * Takes messages from a sender (one, or the messages of a batch): all or none are accepted. Duplicates are
     * dropped silently; messages with a future {@code x-opt-scheduled-enqueue-time} are held until then.
     *
     * @return the sequence numbers given to the messages, in order
     */
    List<Long> send(EntityAddress address, List<byte[]> encodedMessages, Instant now) {
        SendTarget target = sendTarget(address);
        List<MessageFacts> facts = new ArrayList<>();
        for (byte[] encoded : encodedMessages) {
            Message message = AmqpMessages.decode(encoded);
            MessageFacts messageFacts = MessageFacts.of(message);
            if (target.requiresSession() && messageFacts.sessionId() == null) {
                throw BrokerError.NOT_ALLOWED.exception("The SessionId was not set on a message, and it cannot be "
                        + "sent to the entity. Entities that have session support enabled can only receive "
                        + "messages that have the SessionId set to a valid value.");
            }
            facts.add(messageFacts);
        }
        List<Long> sequenceNumbers = new ArrayList<>();
        for (int i = 0; i < encodedMessages.size(); i++) {
            MessageFacts messageFacts = facts.get(i);
            long sequenceNumber = target.nextSequenceNumber();
            sequenceNumbers.add(sequenceNumber);
            if (target.duplicates() != null && target.duplicates().isDuplicate(messageFacts.messageId(), now)) {
                LOG.log(System.Logger.Level.DEBUG, "dropped duplicate MessageId {0} sent to {1}",
                        messageFacts.messageId(), target.name());
                continue;
            }
            Instant due = messageFacts.scheduledEnqueueTime();
            boolean scheduled = due != null && due.isAfter(now);
            Instant enqueued = scheduled ? due.truncatedTo(ChronoUnit.MILLIS) : now;
            Duration ttl = TimeToLive.effective(messageFacts.timeToLive(), target.defaultMessageTimeToLive());
            target.accept(new StoredMessage(sequenceNumber, encodedMessages.get(i), messageFacts,
                    scheduled ? MessageState.SCHEDULED : MessageState.ACTIVE, enqueued,
                    TimeToLive.expiry(enqueued, ttl), 0, null));
        }
        return sequenceNumbers;
    }

    private void restore(MessageJournal.Contents contents) {
        contents.lastSequenceNumbers().forEach((entity, last) -> {
            if (queues.containsKey(entity)) {
                queues.get(entity).restoreLastSequenceNumber(last);
            } else if (topics.containsKey(entity)) {
                topics.get(entity).restoreLastSequenceNumber(last);
            }
        });
        contents.duplicates().forEach((entity, history) -> {
            SendTarget target = queues.containsKey(entity) ? queues.get(entity) : topics.get(entity);
            if (target != null && target.duplicates() != null) {
                target.duplicates().restore(history);
            }
        });
        contents.messages().forEach((storeKey, messages) -> {
            if (topics.containsKey(storeKey)) {
                messages.forEach(topics.get(storeKey)::restoreScheduled);
                return;
            }
            MessageStore store = storeOrNull(storeKey);
            if (store == null) {
                LOG.log(System.Logger.Level.WARNING, "the journal holds {0} messages of ''{1}'', which is no longer "
                        + "configured; they are ignored", messages.size(), storeKey);
                return;
            }
            messages.forEach(store::restore);
        });
        contents.sessionStates().forEach((storeKey, states) -> {
            MessageStore store = storeOrNull(storeKey);
            if (store != null) {
                states.forEach(store::restoreSessionState);
            }
        });
    }

    private MessageStore storeOrNull(String storeKey) {
        try {
            return receiveStore(EntityAddress.parse(storeKey));
        } catch (BrokerException e) {
            return null;
        }
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    @Override
    public synchronized void close() {
        journal.close();
    }
}
