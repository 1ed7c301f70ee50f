package io.amlcompute.provisioner.undeliverable;

import io.amlcompute.provisioner.contract.RequestMessageProperties;
import io.amlcompute.provisioner.contract.event.ComputeEvent;
import io.amlcompute.provisioner.contract.event.ComputeEvents;
import io.amlcompute.provisioner.contract.validation.MessageEnvelope;
import io.amlcompute.provisioner.contract.validation.ReasonCode;
import io.amlcompute.provisioner.contract.validation.RequestContext;
import io.amlcompute.provisioner.contract.validation.RequestParser;
import io.amlcompute.provisioner.contract.validation.ValidationError;
import io.amlcompute.provisioner.provisioning.EventPublisher;
import io.amlcompute.provisioner.provisioning.ReplyAddress;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Answers request messages that can never reach the app: each dead letter of the requests queue whose body does not
 * bind to text ({@link BodySection#bindsToText()}) gets a {@code request.rejected} event with reason
 * {@link ReasonCode#BODY_NOT_TEXT}, published (to the topic, and to the reply session its application properties ask
 * for) before the message is completed. Every other dead letter stays where it is, for operators.
 *
 * <p>One run looks at most {@value #MAX_MESSAGES_PER_RUN} messages from the front of the dead-letter queue: it peeks
 * them first, without locks, and locks only when one of them is to be answered, then only up to the last such one, so
 * the dead letters kept for operators are not touched on runs with nothing to answer. Messages behind the first
 * {@value #MAX_MESSAGES_PER_RUN} wait until operators clear the front.
 *
 * <p>A run that fails half-way is safe to repeat: the event id derives from the message's sequence number, so a
 * second publish of the same answer is dropped by the topic's duplicate detection, and a message is completed only
 * after its answer was published.
 */
public final class UndeliverableRequests {

    /** The most messages one run looks at: bounds the run's time and what it holds locked. */
    public static final int MAX_MESSAGES_PER_RUN = 100;

    private final DeadLetterQueue queue;
    private final EventPublisher publisher;
    private final String replyQueue;
    private final Clock clock;

    /**
     * @param replyQueue the only queue answers may go to, as for every other answer of the app
     */
    public UndeliverableRequests(DeadLetterQueue queue, EventPublisher publisher, String replyQueue, Clock clock) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.replyQueue = Objects.requireNonNull(replyQueue, "replyQueue");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One run; see {@link #answer(Consumer)}. */
    public List<Answer> answer() {
        return answer(answered -> { });
    }

    /**
     * One run, telling {@code onAnswered} of each message as soon as it is answered and completed.
     *
     * @throws EventPublisher.PublishException when an answer could not be published; its message stays, locks held
     *                                         by the run are released, and the next run answers it
     */
    public List<Answer> answer(Consumer<Answer> onAnswered) {
        List<DeadLetter> front = queue.peek(MAX_MESSAGES_PER_RUN);
        int last = -1;
        for (int i = 0; i < front.size(); i++) {
            if (!front.get(i).body().bindsToText()) {
                last = i;
            }
        }
        if (last < 0) {
            return List.of();
        }
        List<Answer> answers = new ArrayList<>();
        List<DeadLetter> locked = queue.lock(last + 1);
        List<DeadLetter> toRelease = new ArrayList<>(locked);
        try {
            for (DeadLetter message : locked) {
                if (message.body().bindsToText()) {
                    continue; // kept for operators (the lock decides: the queue may have changed since the peek)
                }
                Answer answer = answerOf(message);
                publisher.publish(answer.event(), answer.reply());
                queue.complete(message);
                toRelease.remove(message);
                answers.add(answer);
                onAnswered.accept(answer);
            }
        } finally {
            toRelease.forEach(queue::release);
        }
        return List.copyOf(answers);
    }

    /** The rejection for one message, and where it goes besides the topic. */
    Answer answerOf(DeadLetter message) {
        // Nothing of the body can be read; the correlation id may come from the application properties, checked
        // as for any other request (ADR 0006).
        RequestContext context = RequestParser.contextOf(
                new MessageEnvelope(null, message.property(RequestMessageProperties.CORRELATION_ID)));
        ValidationError error = new ValidationError(ReasonCode.BODY_NOT_TEXT, "$", "The message body is "
                + describe(message.body()) + ", which the function app cannot read: send the request JSON as the"
                + " body's data (UTF-8 bytes, what the Service Bus SDKs send for a string) or as a string AMQP value.");
        ComputeEvent event = ComputeEvents.rejected(context, List.of(error), clock.instant(),
                deliveryKey(message));
        return new Answer(message, event, replyAddressOf(message));
    }

    /** Distinct from the intake's keys (sequence number and body digest): the two never answer the same message. */
    static String deliveryKey(DeadLetter message) {
        return "dead-letter:" + message.sequenceNumber();
    }

    /**
     * The rule of the intake ({@code RequestIntake.replyAddressOf}): application properties {@code replyTo} naming
     * the app's replies queue and {@code replyToSessionId}; there is no requestId to default the session to.
     */
    private ReplyAddress replyAddressOf(DeadLetter message) {
        String replyTo = message.property(RequestMessageProperties.REPLY_TO);
        String session = message.property(RequestMessageProperties.REPLY_TO_SESSION_ID);
        return replyQueue.equals(replyTo) && session != null ? new ReplyAddress(replyQueue, session) : null;
    }

    private static String describe(BodySection body) {
        return switch (body) {
            case SEQUENCE -> "an AMQP sequence";
            case OTHER_VALUE -> "an AMQP value that is not a string";
            case DATA, TEXT_VALUE -> throw new IllegalArgumentException(body + " binds to text");
        };
    }

    /**
     * One answered message.
     *
     * @param reply where the event also went; null when only to the topic
     */
    public record Answer(DeadLetter message, ComputeEvent event, ReplyAddress reply) {
        public Answer {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(event, "event");
        }

        /** The key the event id derives from, for the log line. */
        public String deliveryKey() {
            return UndeliverableRequests.deliveryKey(message);
        }
    }
}
