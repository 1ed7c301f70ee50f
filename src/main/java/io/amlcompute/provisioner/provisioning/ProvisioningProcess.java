package io.amlcompute.provisioner.provisioning;

import io.amlcompute.provisioner.contract.Action;
import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.contract.OnCancel;
import io.amlcompute.provisioner.contract.event.Completion;
import io.amlcompute.provisioner.contract.event.ComputeEvent;
import io.amlcompute.provisioner.contract.event.ComputeEvents;
import io.amlcompute.provisioner.contract.event.Drift;
import io.amlcompute.provisioner.contract.event.EventType;
import io.amlcompute.provisioner.contract.event.LeaseInfo;
import io.amlcompute.provisioner.contract.event.Outcome;
import io.amlcompute.provisioner.contract.validation.MessageEnvelope;
import io.amlcompute.provisioner.contract.validation.ParseResult;
import io.amlcompute.provisioner.contract.validation.ReasonCode;
import io.amlcompute.provisioner.contract.validation.RequestDefaults;
import io.amlcompute.provisioner.contract.validation.RequestParser;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Objects;

/**
 * The provisioning process of one request, from action to terminal event: perform the action (waiting and
 * repeating it while ARM says "not now"), then read the status on an adaptive schedule until the compute is
 * ready, failed, or the deadline passes, then publish exactly one event. Every path ends in the run's single
 * publish of its terminal event. A cancel ends the waiting early (the terminal event is then {@code cancelled});
 * a ready compute on a lease is then held by {@link LeaseProcess}.
 *
 * <p>Deterministic given the results of its steps, so an orchestrator can run it under replay: time comes only
 * from {@link ProcessSteps#now()}, waits only through {@link ProcessSteps#pause}, and jitter from the seed.
 */
public final class ProvisioningProcess {

    private static final RequestParser PARSER = new RequestParser(RequestDefaults.standard());

    private final PollingPolicy polling;

    public ProvisioningProcess(PollingPolicy polling) {
        this.polling = Objects.requireNonNull(polling, "polling");
    }

    /**
     * Runs the process to its end and returns the request's terminal event. For a request with a lease, the end is
     * the end of the lease ({@link LeaseProcess}); an orchestration may continue as new on the way, and its next
     * execution comes back here with the lease's state in its input.
     *
     * @param seed jitter seed; the orchestration passes its instance id's hash
     */
    public ComputeEvent run(ProvisioningInput input, ProcessSteps steps, long seed) {
        ComputeRequest request = parse(input.request());
        LeaseState lease = input.leaseState();
        if (lease != null) {
            return new LeaseProcess(polling, request, input, steps, seed).resume(lease);
        }
        return new Run(request, input, steps, seed).run();
    }

    /** One run of the provisioning, with what it has learned so far. */
    private final class Run {
        private final ComputeRequest request;
        private final ProvisioningInput input;
        private final ProcessSteps steps;
        private final long seed;
        private final Answers answers;
        /** The cancel that stopped the request; null unless it was cancelled. */
        private Signal cancel;

        Run(ComputeRequest request, ProvisioningInput input, ProcessSteps steps, long seed) {
            this.request = request;
            this.input = input;
            this.steps = steps;
            this.seed = seed;
            this.answers = new Answers(steps, request, List.of(), LeaseProcess.requested(request));
        }

        ComputeEvent run() {
            Instant start = steps.now();
            Instant deadline = start.plus(request.options().timeout());
            Completion completion = carryOut(start, deadline);
            Instant end = steps.now();
            LeaseInfo lease = completion.type() == EventType.READY && request.options().lease() != null
                    ? LeaseInfo.active(request.requestId(), end.plus(request.options().lease().duration()),
                    request.options().lease().onExpiry()) : null;
            ComputeEvent event = ComputeEvents.completed(request, completion, start, end, lease);
            answers.report(progress(Progress.Phase.PUBLISHING, completion.status(), completion.polls(), null, deadline));
            String eventJson = Answers.json(event);
            steps.publish(eventJson, input.replyAddress(), observationOf(request, completion, event));
            if (cancel != null) {
                ReplyAddress canceller = cancel.replyAddress();
                if (canceller != null && !canceller.equals(input.replyAddress())) {
                    steps.reply(eventJson, canceller);
                }
                answers.done(cancel);
            }
            if (lease != null) {
                return new LeaseProcess(polling, request, input, steps, seed)
                        .start(LeaseState.started(lease, end, eventJson, answers.answered()));
            }
            answers.report(progress(Progress.Phase.DONE, completion.status(), completion.polls(), null, deadline));
            answerLate(event);
            return event;
        }

        /** Control requests that arrived too late for this request: it has ended, and says how. */
        private void answerLate(ComputeEvent event) {
            for (Optional<Signal> next = steps.nextSignal(); next.isPresent(); next = steps.nextSignal()) {
                Signal signal = next.get();
                if (!answers.seen(signal)) {
                    answers.reject(signal, ReasonCode.REQUEST_ENDED, OrchestrationStarter.Delivery.Ended.with(event).how());
                }
            }
        }

        private Completion carryOut(Instant start, Instant deadline) {
            ActionResult action;
            try {
                Acted acted = act(deadline);
                if (acted instanceof Acted.GaveUp gaveUp) {
                    return gaveUp.completion();
                }
                action = ((Acted.Result) acted).result();
            } catch (ProcessSteps.StepFailedException e) {
                return failed(null, null, 0, stepError("PerformComputeAction", e));
            }
            if (action instanceof ActionResult.Failed failed) {
                return new Completion(EventType.FAILED, failed.outcome(), null, failed.errors(), List.of(), 0);
            }
            ActionResult.Done done = (ActionResult.Done) action;
            // Pre-flight findings the action went ahead despite travel with the event, whatever the monitor concludes.
            return monitor(done, start, deadline).withWarnings(done.warnings());
        }

        /**
         * Performs the action, repeating it after each "not now" while attempts and the deadline allow.
         *
         * @return Done or Failed, or why the waiting ended
         */
        private Acted act(Instant deadline) {
            int attempts = 0;
            while (true) {
                answers.report(new Progress(Progress.Phase.ACTING, null, null, null, null, 0, null, deadline));
                ActionResult result = steps.act(input.request());
                if (!(result instanceof ActionResult.Wait wait)) {
                    return new Acted.Result(result);
                }
                // Waiting for a failed leftover to be deleted is progress, not a failed attempt; the deadline bounds it.
                if (wait.reason() != ActionResult.WaitReason.DELETING_LEFTOVER) {
                    attempts++;
                }
                Duration delay = StepRetryPolicy.delay(wait, Math.max(attempts, 1));
                if (delay == null) {
                    return new Acted.GaveUp(new Completion(EventType.FAILED, null, null, List.of(ComputeStatus.ErrorInfo.of(
                            "RetriesExhausted", "The action on compute " + request.computeName() + " was refused "
                                    + StepRetryPolicy.MAX_ATTEMPTS + " times in a row."), causeOf(wait)), List.of(), 0));
                }
                if (!steps.now().plus(delay).isBefore(deadline)) {
                    return new Acted.GaveUp(new Completion(EventType.TIMED_OUT, null, null, List.of(ComputeStatus.ErrorInfo.of(
                            "DeadlineExceeded", "The action on compute " + request.computeName() + " could not be"
                                    + " carried out within " + request.options().timeout() + "."), causeOf(wait)),
                            List.of(), 0));
                }
                if (waitFor(delay)) {
                    return new Acted.GaveUp(cancelled(null, null, 0, "before ARM accepted the action; nothing was"
                            + " created."));
                }
            }
        }

        private Completion monitor(ActionResult.Done done, Instant start, Instant deadline) {
            ExpectedDuration expected = done.expected() != null ? done.expected()
                    : ExpectedDuration.typicalFor(request.action(), request.operation().computeType());
            ComputeStatus status = done.status();
            Readiness readiness = ReadinessCheck.evaluate(request.operation(), request.options().waitForNodes(), status);
            int polls = 0;
            Duration retryAfter = null;
            StatusQuery query = StatusQuery.of(request);
            while (readiness instanceof Readiness.Pending) {
                Instant now = steps.now();
                if (!now.isBefore(deadline)) {
                    return new Completion(EventType.TIMED_OUT, done.outcome(), status, List.of(ComputeStatus.ErrorInfo.of(
                            "DeadlineExceeded", "Compute " + request.computeName() + " was not "
                                    + (isRemoval(request) ? "gone" : "ready") + " within " + request.options().timeout()
                                    + "; last provisioning state " + stateOf(status) + ".")), done.drift(), polls);
                }
                Duration delay = polling.nextDelay(expected, Duration.between(start, now), polls, retryAfter, seed);
                Duration untilDeadline = Duration.between(now, deadline);
                if (delay.compareTo(untilDeadline) > 0) {
                    delay = untilDeadline;
                }
                answers.report(progress(Progress.Phase.WAITING, status, polls, now.plus(delay), deadline));
                if (waitFor(delay)) {
                    return cancelledWhileWaiting(done, status, polls);
                }
                StatusRead read;
                try {
                    read = steps.readStatus(query);
                } catch (ProcessSteps.StepFailedException e) {
                    return failed(done.outcome(), status, polls, stepError("ReadComputeStatus", e));
                }
                polls++;
                retryAfter = null;
                if (read instanceof StatusRead.Found found) {
                    status = found.status();
                    readiness = ReadinessCheck.evaluate(request.operation(), request.options().waitForNodes(), status);
                } else if (read instanceof StatusRead.Missing) {
                    status = null;
                    readiness = ReadinessCheck.evaluate(request.operation(), request.options().waitForNodes(), null);
                } else if (read instanceof StatusRead.Failed failedRead) {
                    readiness = new Readiness.Failed(failedRead.errors());
                } else if (read instanceof StatusRead.Wait wait) {
                    // ARM throttled or hiccupped: keep the last status and read again later; the deadline bounds this.
                    retryAfter = wait.retryAfter();
                }
            }
            if (readiness instanceof Readiness.Failed failedReadiness) {
                return new Completion(EventType.FAILED, done.outcome(), status, failedReadiness.errors(), done.drift(),
                        polls);
            }
            return new Completion(successType(request.action()), done.outcome(), status, List.of(), done.drift(), polls);
        }

        /**
         * Waits {@code delay}, answering the control requests that come meanwhile: renew and release cannot act
         * before the compute is ready, a cancel ends the wait.
         *
         * @return true when a cancel came ({@link #cancel} then holds it)
         */
        private boolean waitFor(Duration delay) {
            Instant until = steps.now().plus(delay);
            while (true) {
                Duration left = Duration.between(steps.now(), until);
                if (left.isNegative() || left.isZero()) {
                    return false;
                }
                Optional<Signal> next = steps.pause(left);
                if (next.isEmpty()) {
                    return false;
                }
                Signal signal = next.get();
                if (answers.seen(signal)) {
                    continue;
                }
                if (signal.action() == Action.CANCEL) {
                    cancel = signal;
                    return true;
                }
                if (request.options().lease() == null) {
                    answers.reject(signal, ReasonCode.NO_LEASE, "Request " + request.requestId()
                            + " holds no lease: it asked for none (options.lease).");
                } else {
                    answers.reject(signal, ReasonCode.LEASE_NOT_ACTIVE, "The lease of request " + request.requestId()
                            + " starts when compute " + request.computeName() + " is ready; it is not yet.");
                }
            }
        }

        /**
         * A cancel while waiting for the compute: what this request created or attached is removed when it asked
         * for that ({@code options.onCancel: delete}); whatever else it found stays as it is.
         */
        private Completion cancelledWhileWaiting(ActionResult.Done done, ComputeStatus status, int polls) {
            boolean created = done.outcome() == Outcome.CREATED || done.outcome() == Outcome.ATTACHED;
            if (!created) {
                return cancelled(status, done.drift(), polls, "while waiting for the " + request.action().wireName()
                        + " to complete; it had nothing of its own to remove.");
            }
            if (request.options().onCancel() == OnCancel.KEEP) {
                return cancelled(status, done.drift(), polls, "while waiting for the compute it "
                        + done.outcome().wireName() + "; it is kept (options.onCancel keep).");
            }
            String removal = done.outcome() == Outcome.ATTACHED ? "detached" : "deleted";
            try {
                ActionResult result = steps.cleanUp(CleanUp.onCancel(request));
                if (result instanceof ActionResult.Done removed
                        && (removed.outcome() == Outcome.DELETED || removed.outcome() == Outcome.DETACHED)) {
                    return cancelled(removed.status(), done.drift(), polls, "while waiting for the compute it "
                            + done.outcome().wireName() + "; it is being " + removal + " (options.onCancel delete).");
                }
                List<ComputeStatus.ErrorInfo> errors = new ArrayList<>(cancelled(status, done.drift(), polls,
                        "while waiting for the compute it " + done.outcome().wireName() + "; it could not be "
                                + removal + ".").errors());
                if (result instanceof ActionResult.Failed failed) {
                    errors.addAll(failed.errors());
                } else if (result instanceof ActionResult.Wait wait) {
                    errors.add(causeOf(wait));
                } else {
                    errors.add(ComputeStatus.ErrorInfo.of("NotCreatedByRequest", "Compute " + request.computeName()
                            + " does not carry this request's creator mark; it is kept."));
                }
                return new Completion(EventType.CANCELLED, Outcome.CANCELLED, status, errors, done.drift(), polls);
            } catch (ProcessSteps.StepFailedException e) {
                List<ComputeStatus.ErrorInfo> errors = new ArrayList<>(cancelled(status, done.drift(), polls,
                        "while waiting for the compute it " + done.outcome().wireName() + "; it could not be "
                                + removal + ".").errors());
                errors.add(stepError("CleanUpCompute", e));
                return new Completion(EventType.CANCELLED, Outcome.CANCELLED, status, errors, done.drift(), polls);
            }
        }

        private Completion cancelled(ComputeStatus status, List<Drift> drift, int polls, String what) {
            return new Completion(EventType.CANCELLED, Outcome.CANCELLED, status, List.of(ComputeStatus.ErrorInfo.of(
                    "Cancelled", "Request " + request.requestId() + " was cancelled by request " + cancel.requestId()
                            + " " + what)), drift, polls);
        }
    }

    /** How the action step ended: with a result, or by giving up waiting (retries ran out, a cancel, the deadline). */
    private sealed interface Acted {
        record Result(ActionResult result) implements Acted {
        }

        record GaveUp(Completion completion) implements Acted {
        }
    }

    static ComputeStatus.ErrorInfo causeOf(ActionResult.Wait wait) {
        return ComputeStatus.ErrorInfo.of(wait.code() == null ? wait.reason().name() : wait.code(),
                wait.message() == null ? wait.reason().name() : wait.message());
    }

    static Progress progress(Progress.Phase phase, ComputeStatus status, int polls, Instant nextPollAt,
                             Instant deadline) {
        return new Progress(phase, stateOf(status), allocationOf(status), current(status), target(status), polls,
                nextPollAt, deadline).withInstanceState(status == null || status.instance() == null ? null
                : status.instance().state());
    }

    /** Something to learn from: a change that ARM carried out and that this process waited for. */
    private static ProcessSteps.Observation observationOf(ComputeRequest request, Completion completion,
                                                          ComputeEvent event) {
        boolean success = completion.type() != EventType.FAILED && completion.type() != EventType.TIMED_OUT;
        boolean changed = completion.outcome() != null && completion.outcome() != Outcome.EXISTING
                && completion.outcome() != Outcome.REJECTED;
        if (!success || !changed || completion.polls() == 0) {
            return null;
        }
        return new ProcessSteps.Observation(DurationModel.keyOf(request), event.data().timings().elapsed());
    }

    private static Completion failed(Outcome outcome, ComputeStatus status, int polls, ComputeStatus.ErrorInfo error) {
        return new Completion(EventType.FAILED, outcome, status, List.of(error), List.of(), polls);
    }

    static ComputeStatus.ErrorInfo stepError(String step, ProcessSteps.StepFailedException e) {
        return ComputeStatus.ErrorInfo.of("StepFailed", "Step " + step + " failed: " + e.getMessage());
    }

    private static EventType successType(Action action) {
        return switch (action) {
            case DELETE -> EventType.DELETED;
            case DETACH -> EventType.DETACHED;
            default -> EventType.READY;
        };
    }

    private static boolean isRemoval(ComputeRequest request) {
        return request.action() == Action.DELETE || request.action() == Action.DETACH;
    }

    static ComputeRequest parse(String requestJson) {
        ParseResult result = PARSER.parse(requestJson, MessageEnvelope.NONE);
        if (result instanceof ParseResult.Parsed parsed) {
            return parsed.request();
        }
        throw new IllegalArgumentException("the orchestration input is not a valid request: "
                + ((ParseResult.Unparsed) result).errors());
    }

    private static String stateOf(ComputeStatus status) {
        return status == null ? null : status.provisioningState();
    }

    private static String allocationOf(ComputeStatus status) {
        return status == null ? null : status.allocationState();
    }

    private static Integer current(ComputeStatus status) {
        return status == null || status.nodes() == null ? null : status.nodes().current();
    }

    private static Integer target(ComputeStatus status) {
        return status == null || status.nodes() == null ? null : status.nodes().target();
    }
}
