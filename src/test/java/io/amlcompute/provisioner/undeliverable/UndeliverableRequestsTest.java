package io.amlcompute.provisioner.undeliverable;

import io.amlcompute.provisioner.contract.event.ComputeEvent;
import io.amlcompute.provisioner.provisioning.EventPublisher;
import io.amlcompute.provisioner.provisioning.ReplyAddress;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How one run treats the dead-letter queue: what it locks, answers, completes and gives back. The queue is an
 * in-memory stand-in for the port; AnswerUndeliverableRequestsTest runs the same over the Service Bus emulator.
 */
class UndeliverableRequestsTest {

    private final FakeQueue queue = new FakeQueue();
    private final List<ComputeEvent> published = new ArrayList<>();
    private final List<ReplyAddress> replies = new ArrayList<>();
    private boolean publishFails;
    private final EventPublisher publisher = new EventPublisher() {
        @Override
        public void publishToTopic(ComputeEvent event) {
            if (publishFails) {
                throw new PublishException("topic unreachable", true, null);
            }
            published.add(event);
        }

        @Override
        public void reply(ComputeEvent event, ReplyAddress replyTo) {
            replies.add(replyTo);
        }
    };
    private final UndeliverableRequests answering = new UndeliverableRequests(queue, publisher, "compute-replies",
            Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void locksNothingWhenNothingIsToBeAnswered() {
        queue.add(data(1), data(2));

        assertThat(answering.answer()).isEmpty();

        assertThat(queue.lockCalls).isZero();
        assertThat(queue.remaining()).containsExactly(1L, 2L);
    }

    @Test
    void locksUpToTheLastMessageToAnswerAndGivesTheOthersBack() {
        queue.add(data(1), sequence(2), data(3), value(4), data(5));

        List<UndeliverableRequests.Answer> answers = answering.answer();

        assertThat(answers).extracting(a -> a.message().sequenceNumber()).containsExactly(2L, 4L);
        assertThat(queue.lockedUpTo).isEqualTo(4);
        assertThat(queue.released).containsExactly(1L, 3L);
        assertThat(queue.remaining()).containsExactly(1L, 3L, 5L);
        assertThat(published).hasSize(2);
    }

    @Test
    void looksAtNoMoreThanOneHundredMessagesARun() {
        for (long n = 1; n <= UndeliverableRequests.MAX_MESSAGES_PER_RUN; n++) {
            queue.add(data(n));
        }
        queue.add(sequence(UndeliverableRequests.MAX_MESSAGES_PER_RUN + 1));

        assertThat(answering.answer()).isEmpty();
        assertThat(queue.remaining()).hasSize(UndeliverableRequests.MAX_MESSAGES_PER_RUN + 1);
    }

    @Test
    void aFailedPublishLeavesTheMessageAndReleasesEveryLock() {
        queue.add(sequence(1), data(2), value(3));
        publishFails = true;

        assertThatThrownBy(answering::answer).isInstanceOf(EventPublisher.PublishException.class);

        assertThat(queue.remaining()).containsExactly(1L, 2L, 3L);
        assertThat(queue.released).containsExactlyInAnyOrder(1L, 2L, 3L);
    }

    @Test
    void repliesOnlyToTheAppsReplyQueueWithAnExplicitSession() {
        queue.add(new DeadLetter(1, BodySection.SEQUENCE, Map.of("replyTo", "compute-replies",
                        "replyToSessionId", "s-1")),
                new DeadLetter(2, BodySection.SEQUENCE, Map.of("replyTo", "someone-elses-queue",
                        "replyToSessionId", "s-2")),
                new DeadLetter(3, BodySection.SEQUENCE, Map.of("replyTo", "compute-replies")));

        answering.answer();

        assertThat(replies).containsExactly(new ReplyAddress("compute-replies", "s-1"));
        assertThat(published).hasSize(3);
    }

    @Test
    void aCorrelationIdPropertyIsCheckedAsForAnyRequest() {
        queue.add(new DeadLetter(1, BodySection.OTHER_VALUE, Map.of("correlationId", "run-42")),
                new DeadLetter(2, BodySection.OTHER_VALUE, Map.of("correlationId", "has spaces")));

        answering.answer();

        assertThat(published).extracting(e -> e.data().correlationId()).containsExactly("run-42", null);
        assertThat(published).allSatisfy(e -> assertThat(e.data().requestId()).isNull());
    }

    private static DeadLetter data(long n) {
        return new DeadLetter(n, BodySection.DATA, Map.of());
    }

    private static DeadLetter sequence(long n) {
        return new DeadLetter(n, BodySection.SEQUENCE, Map.of());
    }

    private static DeadLetter value(long n) {
        return new DeadLetter(n, BodySection.OTHER_VALUE, Map.of());
    }

    /** A dead-letter queue in memory: front first, locks by sequence number. */
    private static final class FakeQueue implements DeadLetterQueue {
        private final List<DeadLetter> messages = new ArrayList<>();
        private final List<Long> locked = new ArrayList<>();
        private final List<Long> released = new ArrayList<>();
        private int lockCalls;
        private int lockedUpTo;

        void add(DeadLetter... letters) {
            messages.addAll(List.of(letters));
        }

        List<Long> remaining() {
            return messages.stream().map(DeadLetter::sequenceNumber).toList();
        }

        @Override
        public List<DeadLetter> peek(int maxMessages) {
            return List.copyOf(messages.subList(0, Math.min(maxMessages, messages.size())));
        }

        @Override
        public List<DeadLetter> lock(int maxMessages) {
            lockCalls++;
            List<DeadLetter> front = peek(maxMessages);
            front.forEach(m -> locked.add(m.sequenceNumber()));
            lockedUpTo = front.size();
            return front;
        }

        @Override
        public void complete(DeadLetter message) {
            assertThat(locked.remove(message.sequenceNumber())).isTrue();
            messages.remove(message);
        }

        @Override
        public void release(DeadLetter message) {
            assertThat(locked.remove(message.sequenceNumber())).isTrue();
            released.add(message.sequenceNumber());
        }
    }
}
