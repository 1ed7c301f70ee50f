package io.amlcompute.provisioner.provisioning;

import java.time.Duration;
import java.time.Instant;

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

    void report(Progress progress);

    /** A step that failed without a result; the process turns it into a failed event. */
    final class StepFailedException extends RuntimeException {
        public StepFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
