package io.amlcompute.provisioner.cli;

import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSessionReceiverClient;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Waits for the event that ends a wait ({@link AwaitedEvent}: a request's terminal event, the answer to a control
 * request, a lease's end), with a deadline, in either of the two places the app publishes it.
 *
 * <ul>
 *   <li>A session of the replies queue: the request–reply pattern. The session belongs to the requester, so the
 *       event is received and completed (taken off the queue).</li>
 *   <li>A subscription of the events topic, usually shared: the events are only <em>peeked</em>, never locked or
 *       removed, and the one for the request id is picked out on the client. It finds events still in the
 *       subscription, including ones published before the wait began.</li>
 * </ul>
 * While it waits, {@link WaitProgress} reports on stderr: progress from the status API when it knows one, and every
 * minute that it still waits.
 */
final class CompletionWaiter {

    /** How long one receive call may block: short enough to report progress and honour the deadline. */
    private static final Duration RECEIVE_SLICE = Duration.ofSeconds(5);
    /** Peeking returns at once; this is the gap between looks at a subscription with nothing new. */
    private static final Duration PEEK_INTERVAL = Duration.ofMillis(500);
    private static final int PEEK_BATCH = 100;

    private final ServiceBusClientBuilder builder;
    private final PrintWriter err;
    private final Clock clock;
    private final WaitProgress.Source progress;

    /** @param clock paces the deadline and the reports; Service Bus receives still block for real time */
    CompletionWaiter(ServiceBusClientBuilder builder, PrintWriter err, Clock clock, WaitProgress.Source progress) {
        this.builder = Objects.requireNonNull(builder, "builder");
        this.err = Objects.requireNonNull(err, "err");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * The first event on {@code sessionId} of the replies queue that ends the wait for {@code awaited}, completed once
     * received. Other events in the session (other requests', a lease's events) are left for their own waiters.
     */
    Optional<ReceivedEvent> onReplySession(String queue, String sessionId, AwaitedEvent awaited, Duration timeout)
            throws InterruptedException {
        try {
            return receiveFromSession(queue, sessionId, awaited, deadline(timeout, awaited));
        } catch (RuntimeException e) {
            throw new ServiceBusUnavailableException("receive from session " + sessionId + " of queue " + queue, e);
        }
    }

    private Optional<ReceivedEvent> receiveFromSession(String queue, String sessionId, AwaitedEvent awaited,
                                                       Deadline deadline) throws InterruptedException {
        try (ServiceBusSessionReceiverClient sessions = builder.sessionReceiver().queueName(queue)
                .disableAutoComplete().buildClient();
             ServiceBusReceiverClient receiver = sessions.acceptSession(sessionId)) {
            deadline.reportIfDue();
            while (!deadline.passed()) {
                for (ServiceBusReceivedMessage message : receiver.receiveMessages(1, deadline.slice(RECEIVE_SLICE))) {
                    Optional<ReceivedEvent> event = ReceivedEvent.from(message).filter(awaited::endsWith);
                    if (event.isPresent()) {
                        receiver.complete(message);
                        return event;
                    }
                    // Not settled: it stays locked to this receiver until the wait ends, then is available again.
                    err.println("computectl: skipped message " + message.getMessageId() + " in session " + sessionId
                            + ": not " + awaited.describe());
                    err.flush();
                }
                deadline.reportIfDue();
            }
        }
        return Optional.empty();
    }

    /** The first event in the subscription that ends the wait for {@code awaited}, looking without taking. */
    Optional<ReceivedEvent> onSubscription(String topic, String subscription, AwaitedEvent awaited, Duration timeout)
            throws InterruptedException {
        Objects.requireNonNull(awaited, "awaited");
        try {
            return peekSubscription(topic, subscription, awaited, deadline(timeout, awaited));
        } catch (RuntimeException e) {
            throw new ServiceBusUnavailableException("peek at subscription " + subscription + " of topic " + topic, e);
        }
    }

    private Optional<ReceivedEvent> peekSubscription(String topic, String subscription, AwaitedEvent awaited,
                                                     Deadline deadline) throws InterruptedException {
        try (ServiceBusReceiverClient receiver = builder.receiver().topicName(topic).subscriptionName(subscription)
                .buildClient()) {
            long nextSequenceNumber = 0;
            deadline.reportIfDue();
            while (true) {
                boolean sawAny = false;
                for (ServiceBusReceivedMessage message : receiver.peekMessages(PEEK_BATCH, nextSequenceNumber)) {
                    sawAny = true;
                    nextSequenceNumber = Math.max(nextSequenceNumber, message.getSequenceNumber() + 1);
                    Optional<ReceivedEvent> event = ReceivedEvent.from(message).filter(awaited::endsWith);
                    if (event.isPresent()) {
                        return event;
                    }
                }
                if (deadline.passed()) {
                    return Optional.empty();
                }
                if (!sawAny) {
                    Thread.sleep(deadline.slice(PEEK_INTERVAL).toMillis());
                }
                deadline.reportIfDue();
            }
        }
    }

    private Deadline deadline(Duration timeout, AwaitedEvent awaited) {
        return new Deadline(clock, timeout, new WaitProgress(err, clock, progress, awaited.progressOf()));
    }

    /** The wait's deadline on the clock, which also paces its reports. */
    private static final class Deadline {
        private final Clock clock;
        private final Instant start;
        private final Instant end;
        private final WaitProgress progress;

        Deadline(Clock clock, Duration timeout, WaitProgress progress) {
            this.clock = clock;
            this.start = clock.instant();
            this.end = start.plus(timeout);
            this.progress = progress;
        }

        boolean passed() {
            return !clock.instant().isBefore(end);
        }

        /** {@code slice}, or less when the deadline is nearer; at least a millisecond. */
        Duration slice(Duration slice) {
            Duration left = Duration.between(clock.instant(), end);
            Duration atLeast = left.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : left;
            return atLeast.compareTo(slice) < 0 ? atLeast : slice;
        }

        void reportIfDue() throws InterruptedException {
            Instant now = clock.instant();
            progress.reportIfDue(Duration.between(start, now), Duration.between(now, end));
        }
    }
}
