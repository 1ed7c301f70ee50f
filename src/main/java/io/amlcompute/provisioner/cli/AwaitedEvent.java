package io.amlcompute.provisioner.cli;

import io.amlcompute.provisioner.contract.event.EventType;
import io.amlcompute.provisioner.contract.event.LeaseResult;

import java.util.Objects;
import java.util.Optional;

/**
 * Which event ends a wait, and what it means for the exit status. A request's id alone does not say it: the events
 * that carry a request id in {@code data.requestId} are its terminal event, the answer to a renew or release (with the
 * control request's own id), and a lease's own events (with the lease id, which is the id of the ensure that holds
 * it). So each kind of wait names the events that end it:
 *
 * <ul>
 *   <li>{@link Answer}: what a request itself ends with. For a compute request its terminal event
 *       ({@link EventType#isTerminal()}); for a renew or release {@code lease.renewed}/{@code lease.released}, or its
 *       rejection. The lease events that follow a ready compute carry the ensure's id too, and are skipped.</li>
 *   <li>{@link CancelAnswer}: a cancel is answered by its target's terminal {@code compute.cancelled} (data.requestId
 *       = the target), or by a rejection with the cancel's own id.</li>
 *   <li>{@link LeaseEnd}: a lease's one {@code lease.expired} (data.requestId = the lease id), or, when the ensure
 *       never got its compute ready, its terminal event: then no lease started, and none will end.</li>
 * </ul>
 */
sealed interface AwaitedEvent {

    /** The request whose progress the status API shows while this wait goes on. */
    String progressOf();

    /** Whether {@code event} ends the wait. */
    boolean endsWith(ReceivedEvent event);

    /** The exit status of a wait that ended with {@code event}. */
    ExitStatus exitStatus(ReceivedEvent event);

    /** For stderr: "the event of X", "the answer to cancel C", … */
    String describe();

    /** For stderr, once {@code event} ended the wait: "X ended ready", "cancel C rejected (NOT_CANCELLABLE)", … */
    String summary(ReceivedEvent event);

    /** {@code rejected (REQUEST_ENDED)}; the short type for any other event. */
    static String outcome(ReceivedEvent event) {
        String type = EventOutput.shortType(event.type());
        return event.errorCodes().isEmpty() || event.knownType().filter(t -> t == EventType.REJECTED).isEmpty()
                ? type : type + " (" + String.join(", ", event.errorCodes()) + ")";
    }

    /**
     * What {@code requestId} ends with: the terminal event of a compute request, or the answer to a renew or
     * release. An event type this CLI does not know ends the wait too (exit 1: it cannot vouch for it), so a newer
     * app's event is shown rather than waited past.
     *
     * @param progressOf the request whose status API view to show (a renew's or release's lease), or the same id
     */
    record Answer(String requestId, String progressOf) implements AwaitedEvent {
        public Answer {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(progressOf, "progressOf");
        }

        /** A compute request, whose progress is its own. */
        static Answer of(String requestId) {
            return new Answer(requestId, requestId);
        }

        @Override
        public boolean endsWith(ReceivedEvent event) {
            if (!requestId.equals(event.requestId())) {
                return false;
            }
            return event.knownType().map(type -> type.isTerminal() || type == EventType.LEASE_RENEWED
                    || type == EventType.LEASE_RELEASED).orElse(true);
        }

        /**
         * Ready, deleted, detached, renewed and released succeed. A cancelled request did not get what it asked for,
         * so for its own waiter it fails, like failed, timedout and rejected.
         */
        @Override
        public ExitStatus exitStatus(ReceivedEvent event) {
            boolean carriedOut = event.knownType()
                    .filter(type -> type == EventType.LEASE_RENEWED || type == EventType.LEASE_RELEASED).isPresent();
            return carriedOut ? ExitStatus.SUCCESS : ExitStatus.forEventType(event.type());
        }

        @Override
        public String describe() {
            return progressOf.equals(requestId) ? "the event of " + requestId
                    : "the answer to " + requestId + " (lease " + progressOf + ")";
        }

        @Override
        public String summary(ReceivedEvent event) {
            return switch (event.knownType().orElse(EventType.FAILED)) {
                case LEASE_RENEWED -> requestId + " answered: lease " + progressOf + " renewed until "
                        + event.leaseExpiresAt();
                case LEASE_RELEASED -> requestId + " answered: lease " + progressOf + " released";
                default -> requestId + " ended " + AwaitedEvent.outcome(event);
            };
        }
    }

    /** A cancel's answer: its target's {@code compute.cancelled} (success) or the cancel's rejection (failure). */
    record CancelAnswer(String cancelId, String targetRequestId) implements AwaitedEvent {
        public CancelAnswer {
            Objects.requireNonNull(cancelId, "cancelId");
            Objects.requireNonNull(targetRequestId, "targetRequestId");
        }

        @Override
        public String progressOf() {
            return targetRequestId;
        }

        @Override
        public boolean endsWith(ReceivedEvent event) {
            Optional<EventType> type = event.knownType();
            return type.isPresent() && (type.get() == EventType.CANCELLED && targetRequestId.equals(event.requestId())
                    || type.get() == EventType.REJECTED && cancelId.equals(event.requestId()));
        }

        @Override
        public ExitStatus exitStatus(ReceivedEvent event) {
            return event.knownType().filter(type -> type == EventType.CANCELLED).isPresent()
                    ? ExitStatus.SUCCESS : ExitStatus.FAILED;
        }

        @Override
        public String describe() {
            return "the answer to cancel " + cancelId + " (" + targetRequestId + " cancelled, or the cancel rejected)";
        }

        @Override
        public String summary(ReceivedEvent event) {
            return exitStatus(event) == ExitStatus.SUCCESS ? cancelId + " answered: " + targetRequestId + " cancelled"
                    : cancelId + " " + AwaitedEvent.outcome(event);
        }
    }

    /**
     * The end of lease {@code leaseId}: its {@code lease.expired}, which fails only when the expiry action failed
     * ({@code data.lease.result} failed); or the ensure's terminal event when it ended without a ready compute, or
     * ready without a lease (it asked for none): then no lease will end, and the wait fails at once.
     */
    record LeaseEnd(String leaseId) implements AwaitedEvent {
        public LeaseEnd {
            Objects.requireNonNull(leaseId, "leaseId");
        }

        @Override
        public String progressOf() {
            return leaseId;
        }

        @Override
        public boolean endsWith(ReceivedEvent event) {
            if (!leaseId.equals(event.requestId())) {
                return false;
            }
            return event.knownType().map(type -> type == EventType.LEASE_EXPIRED
                    || type.isTerminal() && (type != EventType.READY || !event.hasLease())).orElse(false);
        }

        @Override
        public ExitStatus exitStatus(ReceivedEvent event) {
            boolean expired = event.knownType().filter(type -> type == EventType.LEASE_EXPIRED).isPresent();
            return expired && !LeaseResult.FAILED.wireName().equals(event.leaseResult())
                    ? ExitStatus.SUCCESS : ExitStatus.FAILED;
        }

        @Override
        public String describe() {
            return "the end of lease " + leaseId;
        }

        @Override
        public String summary(ReceivedEvent event) {
            if (event.knownType().filter(type -> type == EventType.LEASE_EXPIRED).isPresent()) {
                return "lease " + leaseId + " expired: " + event.leaseResult();
            }
            return "lease " + leaseId + " never started: " + leaseId + " ended " + AwaitedEvent.outcome(event)
                    + (event.hasLease() ? "" : " without a lease");
        }
    }
}
