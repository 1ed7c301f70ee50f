package io.amlcompute.provisioner.local.servicebus;

import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.UnsignedInteger;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.Modified;
import org.apache.qpid.proton.amqp.messaging.Rejected;
import org.apache.qpid.proton.amqp.messaging.Released;
import org.apache.qpid.proton.amqp.messaging.Source;
import org.apache.qpid.proton.amqp.transport.DeliveryState;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.amqp.transport.SenderSettleMode;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.Sender;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;

/**
 * A client's receive link on a queue, a subscription or a dead-letter queue. Peek-lock when the client asks for
 * unsettled transfers (each delivery tag is the lock token), receive-and-delete when it asks for settled ones.
 * A session receiver sends {@code com.microsoft:session-filter} (a session id, or null for the next available
 * session); the attach is answered once a session is locked, with its id in the source filter and its lock expiry
 * in {@code com.microsoft:locked-until-utc}, or refused with {@code com.microsoft:timeout} when none turns up
 * within the link's {@code com.microsoft:timeout}.
 */
final class OutboundMessageLink implements LinkEndpoint, MessageStore.Listener {

    static final Symbol SESSION_FILTER = Symbol.valueOf("com.microsoft:session-filter");
    static final Symbol LOCKED_UNTIL_UTC = Symbol.valueOf("com.microsoft:locked-until-utc");
    static final Symbol LINK_TIMEOUT = Symbol.valueOf("com.microsoft:timeout");
    private static final Duration DEFAULT_SESSION_WAIT = Duration.ofSeconds(60);

    private final Sender sender;
    private final AmqpConnection connection;
    private final Namespace namespace;
    private final EntityAddress address;
    private MessageStore store;
    private boolean receiveAndDelete;
    private String sessionId;
    private boolean active;
    private boolean waitingForSession;
    private ScheduledFuture<?> sessionWait;

    OutboundMessageLink(Sender sender, AmqpConnection connection, Namespace namespace, EntityAddress address) {
        this.sender = sender;
        this.connection = connection;
        this.namespace = namespace;
        this.address = address;
    }

    void open() {
        store = namespace.transact(now -> namespace.receiveStore(address));
        receiveAndDelete = sender.getRemoteSenderSettleMode() == SenderSettleMode.SETTLED;
        Map<?, ?> filter = sender.getRemoteSource() instanceof Source source ? source.getFilter() : null;
        boolean sessionReceiver = filter != null && filter.containsKey(SESSION_FILTER);
        if (store.requiresSession() != sessionReceiver) {
            throw BrokerError.NOT_ALLOWED.exception(store.requiresSession()
                    ? "It is not possible for an entity that requires sessions to create a non-sessionful message "
                    + "receiver: '" + store.path() + "'"
                    : "'" + store.path() + "' is not session-enabled; a session receiver cannot be created");
        }
        if (!sessionReceiver) {
            attach(null, null);
            return;
        }
        Object requested = filter.get(SESSION_FILTER);
        Optional<MessageSessions.SessionLock> lock = namespace.transact(now -> {
            Optional<MessageSessions.SessionLock> accepted =
                    store.acceptSession(requested == null ? null : requested.toString(), this, now);
            store.addListener(this); // only once accepting did not refuse: a refused link must not stay listening
            return accepted;
        });
        if (lock.isPresent()) {
            attach(lock.get().sessionId(), lock.get());
        } else {
            waitingForSession = true;
            sessionWait = connection.schedule(this::stopWaitingForSession, sessionWaitTimeout());
        }
    }

    private Duration sessionWaitTimeout() {
        Map<Symbol, Object> properties = sender.getRemoteProperties();
        if (properties != null && properties.get(LINK_TIMEOUT) instanceof UnsignedInteger millis) {
            return Duration.ofMillis(millis.longValue());
        }
        return DEFAULT_SESSION_WAIT;
    }

    private void attach(String lockedSessionId, MessageSessions.SessionLock lock) {
        sessionId = lockedSessionId;
        Source source = copy((Source) sender.getRemoteSource());
        if (lock != null) {
            Map<Symbol, Object> filter = new HashMap<>();
            filter.put(SESSION_FILTER, lock.sessionId());
            source.setFilter(filter);
            Map<Symbol, Object> properties = new HashMap<>();
            properties.put(LOCKED_UNTIL_UTC, AmqpMessages.toDotNetTicks(lock.lockedUntil()));
            sender.setProperties(properties);
        }
        sender.setSource(source);
        sender.setTarget(sender.getRemoteTarget());
        sender.setSenderSettleMode(sender.getRemoteSenderSettleMode());
        sender.setReceiverSettleMode(sender.getRemoteReceiverSettleMode());
        sender.open();
        active = true;
        namespace.transact(now -> {
            store.addListener(this);
            return null;
        });
        pump();
    }

    private static Source copy(Source remote) {
        Source source = new Source();
        if (remote != null) {
            source.setAddress(remote.getAddress());
            source.setFilter(remote.getFilter());
            source.setDefaultOutcome(remote.getDefaultOutcome());
            source.setOutcomes(remote.getOutcomes());
        }
        return source;
    }

    @Override
    public void messagesAvailable() {
        connection.execute(this::onMessagesAvailable);
    }

    @Override
    public void sessionLockLost(String lostSessionId) {
        connection.execute(() -> detach(BrokerError.SESSION_LOCK_LOST.exception("the lock of session '"
                + lostSessionId + "' expired; accept the session again")));
    }

    private void onMessagesAvailable() {
        if (waitingForSession) {
            Optional<MessageSessions.SessionLock> lock = namespace.transact(now ->
                    store.acceptSession(null, this, now));
            if (lock.isPresent()) {
                waitingForSession = false;
                sessionWait.cancel(false);
                attach(lock.get().sessionId(), lock.get());
            }
        } else {
            pump();
        }
    }

    private void stopWaitingForSession() {
        if (waitingForSession) {
            waitingForSession = false;
            forgetStore();
            LinkEndpoint.refuse(sender, BrokerError.TIMEOUT.exception("no session became available on '"
                    + store.path() + "' within " + sessionWaitTimeout()));
        }
    }

    @Override
    public void onFlow() {
        pump();
    }

    private void pump() {
        if (!active) {
            return;
        }
        while (sender.getCredit() > 0) {
            Optional<DeliveredMessage> next = namespace.transact(now -> receiveAndDelete
                    ? store.removeNext(this, sessionId)
                    : store.lockNext(this, sessionId, now));
            if (next.isEmpty()) {
                break;
            }
            deliver(next.get());
        }
        if (sender.getDrain() && sender.getCredit() > 0) {
            sender.drained();
        }
    }

    private void deliver(DeliveredMessage message) {
        UUID tag = message.lockToken() != null ? message.lockToken() : UUID.randomUUID();
        Delivery delivery = sender.delivery(AmqpMessages.toDotNetBytes(tag));
        delivery.setContext(message.lockToken());
        byte[] payload = AmqpMessages.render(message);
        sender.send(payload, 0, payload.length);
        sender.advance();
        if (receiveAndDelete) {
            delivery.settle();
        }
    }

    /**
     * The receiver settled a peek-locked message: apply the outcome, answer it, settle. The answer is an outcome of
     * the same type with no fields, or {@code Rejected} with the broker's error when the settlement failed. The
     * clients read it so: azure-core-amqp ({@code ReceiverUnsettledDeliveries.onDispositionAck}) succeeds when the
     * answer's type is the one it asked for; @azure/service-bus 7.9.5 ({@code onMessageSettled}) and
     * Azure.Messaging.ServiceBus ({@code AmqpReceiver.DisposeMessageAsync}) fail on any answer that carries an
     * error, so echoing a dead-letter's {@code Rejected{com.microsoft:dead-letter}} would read as a failure there.
     */
    @Override
    public void onDelivery(Delivery delivery) {
        if (delivery.isSettled() || !(delivery.getContext() instanceof UUID lockToken)) {
            return;
        }
        DeliveryState outcome = delivery.getRemoteState();
        if (outcome == null && !delivery.remotelySettled()) {
            return;
        }
        Settlement settlement = settlement(outcome);
        DeliveryState answer = acknowledgement(outcome);
        try {
            if (settlement == null) {
                throw BrokerError.NOT_IMPLEMENTED.exception("unsupported outcome " + outcome
                        + " (transactions are not emulated)");
            }
            namespace.transact(now -> {
                store.settle(lockToken, settlement, now);
                return null;
            });
        } catch (BrokerException e) {
            answer = LinkEndpoint.rejected(e);
        }
        delivery.disposition(answer);
        delivery.settle();
    }

    /** The outcome the broker attained, without the fields the receiver sent (reasons, properties to modify). */
    private static DeliveryState acknowledgement(DeliveryState outcome) {
        if (outcome instanceof Accepted) {
            return Accepted.getInstance();
        }
        if (outcome instanceof Modified) {
            return new Modified();
        }
        if (outcome instanceof Rejected) {
            return new Rejected();
        }
        return Released.getInstance();
    }

    private static Settlement settlement(DeliveryState outcome) {
        if (outcome == null || outcome instanceof Released) {
            return new Settlement.Release();
        }
        if (outcome instanceof Accepted) {
            return new Settlement.Complete();
        }
        if (outcome instanceof Modified modified) {
            Map<String, Object> properties = toStringKeys(modified.getMessageAnnotations());
            return Boolean.TRUE.equals(modified.getUndeliverableHere())
                    ? new Settlement.Defer(properties)
                    : new Settlement.Abandon(properties);
        }
        if (outcome instanceof Rejected rejected) {
            ErrorCondition error = rejected.getError();
            Map<String, Object> info = error == null ? Map.of() : toStringKeys(error.getInfo());
            Map<String, Object> properties = new HashMap<>(info);
            Object reason = properties.remove(AmqpMessages.DEAD_LETTER_REASON);
            Object description = properties.remove(AmqpMessages.DEAD_LETTER_DESCRIPTION);
            return new Settlement.DeadLetter(reason == null ? null : reason.toString(),
                    description == null ? null : description.toString(), properties);
        }
        return null;
    }

    private static Map<String, Object> toStringKeys(Map<?, ?> map) {
        Map<String, Object> result = new HashMap<>();
        if (map != null) {
            map.forEach((key, value) -> result.put(String.valueOf(key), value));
        }
        return result;
    }

    private void detach(BrokerException error) {
        if (!active) {
            return;
        }
        onClose();
        sender.setCondition(new ErrorCondition(error.error().condition(), error.getMessage()));
        sender.close();
    }

    @Override
    public void onClose() {
        active = false;
        if (sessionWait != null) {
            sessionWait.cancel(false);
        }
        waitingForSession = false;
        forgetStore();
    }

    private void forgetStore() {
        if (store == null) {
            return;
        }
        namespace.transact(now -> {
            store.removeListener(this);
            if (sessionId != null) {
                store.releaseSession(sessionId, this, now);
            }
            return null;
        });
    }
}
