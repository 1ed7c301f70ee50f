package io.amlcompute.provisioner.cli;

import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.provisioning.ActionResult;
import io.amlcompute.provisioner.provisioning.CleanUp;
import io.amlcompute.provisioner.provisioning.LeaseHolder;
import io.amlcompute.provisioner.provisioning.ComputeActions;
import io.amlcompute.provisioner.provisioning.DurationModel;
import io.amlcompute.provisioner.provisioning.ProcessSteps;
import io.amlcompute.provisioner.provisioning.Progress;
import io.amlcompute.provisioner.provisioning.ReplyAddress;
import io.amlcompute.provisioner.provisioning.StatusQuery;
import io.amlcompute.provisioner.provisioning.StatusRead;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The provisioning process's steps run in-line, for {@code computectl apply}: the action and the status reads
 * call {@link ComputeActions} directly (no activities, no Service Bus, no Durable), waits sleep in this thread,
 * progress goes to stderr, and "publishing" prints the event on stdout. Runs one request.
 */
final class InlineSteps implements ProcessSteps {

    private final ComputeActions actions;
    private final DurationModel durations;
    private final ComputeRequest request;
    private final Clock clock;
    private final CliEnvironment.Sleeper sleeper;
    private final PrintWriter out;
    private final PrintWriter err;

    /**
     * @param durations what the polling plans with, and learns from this request, as in the app's activities
     * @param request   the request the process runs; the JSON the process hands to each step is this request's
     */
    InlineSteps(ComputeActions actions, DurationModel durations, ComputeRequest request, Clock clock,
                CliEnvironment.Sleeper sleeper, PrintWriter out, PrintWriter err) {
        this.actions = Objects.requireNonNull(actions, "actions");
        this.durations = Objects.requireNonNull(durations, "durations");
        this.request = Objects.requireNonNull(request, "request");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public void sleep(Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }

    /**
     * ComputeActions turns the taxonomy's failures into results; anything else (a bug, a broken credential chain)
     * fails the step, and the process turns that into a failed event. No retries: a person is watching.
     */
    @Override
    public ActionResult act(String requestJson) {
        try {
            ActionResult result = actions.perform(request);
            return result instanceof ActionResult.Done done ? done.withExpected(durations.expected(request)) : result;
        } catch (RuntimeException e) {
            throw new StepFailedException(Failures.describe(e), e);
        }
    }

    @Override
    public StatusRead readStatus(StatusQuery query) {
        try {
            return actions.readStatus(query);
        } catch (RuntimeException e) {
            throw new StepFailedException(Failures.describe(e), e);
        }
    }

    @Override
    public ActionResult cleanUp(CleanUp cleanUp) {
        try {
            return actions.cleanUp(cleanUp);
        } catch (RuntimeException e) {
            throw new StepFailedException(Failures.describe(e), e);
        }
    }

    /** {@code apply} refuses leases (nothing would hold one after it exits), and sees no other process's. */
    @Override
    public List<LeaseHolder> leaseHolders(String computeId, String leaseId) {
        return List.of();
    }

    /** No reply sessions in-line: the event is on stdout, and no control request can reach this run. */
    @Override
    public void reply(String eventJson, ReplyAddress replyTo) {
    }

    @Override
    public void publish(String eventJson, ReplyAddress replyTo) {
        out.println(eventJson);
        out.flush();
    }

    @Override
    public void publish(String eventJson, ReplyAddress replyTo, Observation observation) {
        publish(eventJson, replyTo);
        if (observation != null) {
            durations.record(observation.key(), observation.elapsed());
        }
    }

    @Override
    public void report(Progress progress) {
        err.println("computectl apply: " + ProgressLine.describe(progress, clock.instant()));
        err.flush();
    }
}
