package io.amlcompute.provisioner.provisioning;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The durable primitives the provisioning process is written against. In Azure Functions they are the
 * orchestration context (timers, activities, custom status); in {@code computectl apply} they run in-line.
 * Implementations for an orchestrator must be deterministic: {@link #now()} is the orchestration's replay-safe
 * clock.
 */
public interface ProcessSteps {

    Instant now();

    /** Waits; in an orchestration, a durable timer. */
    void sleep(Duration duration);

    /**
     * Waits up to {@code duration} for a control request addressed to this request ({@link Signal}); a signal that
     * arrived earlier and was not taken yet is returned at once. By default there is no one to send one: the
     * wait is a {@link #sleep}.
     *
     * @return the signal, or empty once the whole duration has passed without one
     */
    default Optional<Signal> pause(Duration duration) {
        sleep(duration);
        return Optional.empty();
    }

    /** A signal that has arrived and was not taken yet, without waiting. */
    default Optional<Signal> nextSignal() {
        return Optional.empty();
    }

    /**
     * A point where the process may start afresh from {@code next}, dropping its history so far: in an
     * orchestration, continue-as-new, after which this call does not return. Where that is not needed, or not safe
     * yet, it returns and the process carries on with the state it has.
     */
    default void checkpoint(ProvisioningInput next) {
    }

    /**
     * Performs the request's action (see {@link ComputeActions}).
     *
     * @throws StepFailedException when the step failed in a way no result describes (e.g. a bug), after retries
     */
    ActionResult act(String requestJson);

    /**
     * Reads the compute's status. Gets only what a read needs, not the request: in an orchestration every read's
     * input is kept in the history.
     *
     * @throws StepFailedException as for {@link #act}
     */
    StatusRead readStatus(StatusQuery query);

    /**
     * Carries out a lease's expiry action or a cancel's removal ({@link ComputeActions#cleanUp}).
     *
     * @throws StepFailedException as for {@link #act}
     */
    ActionResult cleanUp(CleanUp cleanUp);

    /**
     * The other live leases on a compute: running requests whose lease on {@code computeId} is requested or active,
     * {@code leaseId}'s own excepted.
     *
     * @throws StepFailedException as for {@link #act}
     */
    List<LeaseHolder> leaseHolders(String computeId, String leaseId);

    /** Publishes the terminal event (retries are the implementation's: it must not give up early). */
    void publish(String eventJson, ReplyAddress replyTo);

    /**
     * Publishes the terminal event, handing on how long the request took so the duration model can learn
     * from it ({@code observation} is null when there is nothing to learn). By default the observation is
     * dropped.
     */
    default void publish(String eventJson, ReplyAddress replyTo, Observation observation) {
        publish(eventJson, replyTo);
    }

    /** How long a request of one kind ({@link DurationModel#keyOf}) took from acceptance to done. */
    record Observation(String key, Duration elapsed) {
    }

    /** Sends an event to one more reply session, besides the requester's (a cancel's answer goes to both). */
    void reply(String eventJson, ReplyAddress replyTo);

    void report(Progress progress);

    /** A step that failed without a result; the process turns it into a failed event. */
    final class StepFailedException extends RuntimeException {
        public StepFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
