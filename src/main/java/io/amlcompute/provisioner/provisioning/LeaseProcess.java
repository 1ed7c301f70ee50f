package io.amlcompute.provisioner.provisioning;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.amlcompute.provisioner.contract.Action;
import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.contract.LeaseExpiry;
import io.amlcompute.provisioner.contract.LeaseOptions;
import io.amlcompute.provisioner.contract.event.ComputeEvent;
import io.amlcompute.provisioner.contract.event.ComputeEvents;
import io.amlcompute.provisioner.contract.event.EventType;
import io.amlcompute.provisioner.contract.event.LeaseInfo;
import io.amlcompute.provisioner.contract.event.LeaseResult;
import io.amlcompute.provisioner.contract.event.Outcome;
import io.amlcompute.provisioner.contract.validation.ReasonCode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A ready compute held on a lease, from the ready event to the lease's one {@code lease.expired}: warn
 * ({@code lease.expiring}) before the expiry, answer renewals and a release, and at the end carry out the expiry
 * action: only once no other live lease holds the compute, and a removal only of a compute this request created
 * ({@link CleanUp}). Each wake ends at a {@link ProcessSteps#checkpoint}, so an orchestration's history holds one
 * wake at a time however long the lease runs; the state that carries over is the {@link LeaseState}.
 *
 * <p>Deterministic given its steps' results, as {@link ProvisioningProcess} is.
 */
final class LeaseProcess {

    /** How often an ended lease looks again for other holders whose expiry it does not know. */
    static final Duration HOLDER_RECHECK = Duration.ofMinutes(15);
    /** Past another holder's expiry, the time its request gets to say it ended. */
    static final Duration HOLDER_MARGIN = Duration.ofSeconds(15);

    private final PollingPolicy polling;
    private final ComputeRequest request;
    private final ProvisioningInput input;
    private final ProcessSteps steps;
    private final long seed;
    private final ProvisioningInput.LeaseTerms terms;
    private final String compute;
    private Answers answers;

    LeaseProcess(PollingPolicy polling, ComputeRequest request, ProvisioningInput input, ProcessSteps steps,
                 long seed) {
        this.polling = polling;
        this.request = request;
        this.input = input;
        this.steps = steps;
        this.seed = seed;
        this.terms = Objects.requireNonNull(input.leaseTerms(), "a lease needs its terms in the input");
        this.compute = computeId(request);
    }

    /** The lease as the progress of a request still provisioning shows it; null without a lease. */
    static LeaseView requested(ComputeRequest request) {
        LeaseOptions lease = request.options().lease();
        return lease == null ? null : new LeaseView(request.requestId(), computeId(request), lease.duration(),
                lease.onExpiry(), LeaseView.State.REQUESTED, null, List.of(), null, null);
    }

    /** Holds the lease that starts with the ready event; returns that event once the lease is over. */
    ComputeEvent start(LeaseState state) {
        return resume(state);
    }

    /** Holds the lease from where {@code state} says it stands; returns the ready event once it is over. */
    ComputeEvent resume(LeaseState state) {
        answers = new Answers(steps, request, state.answered(), view(state, LeaseView.State.ACTIVE, List.of(), null,
                null));
        ComputeEvent ready = readyEvent(state);
        while (true) {
            if (state.ending()) {
                if (!waitForOtherHolders(state, ready)) {
                    expire(state, ready);
                    return ready;
                }
            } else {
                state = holdOnce(state, ready);
            }
            steps.checkpoint(input.withLease(state.withAnswered(answers.answered())));
        }
    }

    /** One wake of an active lease: the expiry, the warning before it, or a control request. */
    private LeaseState holdOnce(LeaseState state, ComputeEvent ready) {
        Instant now = steps.now();
        if (!now.isBefore(state.expiresAt())) {
            return state.endingAt(now);
        }
        Instant warnAt = state.expiresAt().minus(terms.warning());
        if (!state.warned() && !now.isBefore(warnAt)) {
            ComputeEvent expiring = ComputeEvents.lease(request, EventType.LEASE_EXPIRING, info(state, null, null),
                    ready.data().status(), List.of(), state.startedAt(), now);
            steps.publish(Answers.json(expiring), input.replyAddress());
            return state.withWarning();
        }
        Instant wakeAt = state.warned() ? state.expiresAt() : warnAt;
        answers.lease(view(state, LeaseView.State.ACTIVE, List.of(), null, null));
        answers.report(ProvisioningProcess.progress(Progress.Phase.LEASED, ready.data().status(), 0, wakeAt, null));
        Optional<Signal> next = steps.pause(Duration.between(now, wakeAt));
        if (next.isEmpty() || answers.seen(next.get())) {
            return state;
        }
        return answerActive(next.get(), state, steps.now());
    }

    private LeaseState answerActive(Signal signal, LeaseState state, Instant now) {
        switch (signal.action()) {
            case RENEW -> {
                Instant renewed = state.expiresAt().plus(signal.extendBy());
                Instant cap = now.plus(terms.maxLease());
                if (renewed.isAfter(cap)) {
                    answers.reject(signal, ReasonCode.POLICY_LEASE_TOO_LONG, "$.extendBy", "Renewing lease "
                            + state.leaseId() + " by " + signal.extendBy() + " would hold compute "
                            + request.computeName() + " until " + renewed + ", more than " + terms.maxLease()
                            + " from now; it may be extended to " + cap + " at most.");
                    return state;
                }
                LeaseState next = state.renewedTo(renewed);
                answers.answer(signal, ComputeEvents.leaseAnswer(request, EventType.LEASE_RENEWED, Action.RENEW,
                        signal.requestId(), signal.correlationId(), info(next, null, null), now));
                return next;
            }
            case RELEASE -> {
                LeaseState next = state.endingAt(now);
                answers.answer(signal, ComputeEvents.leaseAnswer(request, EventType.LEASE_RELEASED, Action.RELEASE,
                        signal.requestId(), signal.correlationId(), info(next, null, null), now));
                return next;
            }
            default -> {
                answers.reject(signal, ReasonCode.NOT_CANCELLABLE, "Request " + request.requestId() + " is done:"
                        + " compute " + request.computeName() + " is ready and held on its lease until "
                        + state.expiresAt() + ". Release the lease instead (action release, leaseId "
                        + state.leaseId() + ").");
                return state;
            }
        }
    }

    /**
     * Whether other live leases hold the compute; while they do, the expiry action waits (looking again at the
     * earliest of their expiries, or every {@link #HOLDER_RECHECK}). When the holders cannot be listed, it waits
     * too: never act on a compute someone may still hold.
     *
     * @return true when it waited, false when the action may go ahead
     */
    private boolean waitForOtherHolders(LeaseState state, ComputeEvent ready) {
        List<LeaseHolder> holders;
        String note;
        try {
            holders = steps.leaseHolders(compute, state.leaseId());
            if (holders.isEmpty()) {
                return false;
            }
            note = "Waiting for the other leases on compute " + request.computeName() + " to end.";
        } catch (ProcessSteps.StepFailedException e) {
            holders = List.of();
            note = "The other leases on compute " + request.computeName() + " could not be listed ("
                    + e.getMessage() + "); waiting before the expiry action.";
        }
        Instant now = steps.now();
        Duration wait = HOLDER_RECHECK;
        for (LeaseHolder holder : holders) {
            if (holder.expiresAt() != null) {
                Duration untilEnd = Duration.between(now, holder.expiresAt().plus(HOLDER_MARGIN));
                Duration candidate = untilEnd.compareTo(HOLDER_MARGIN) < 0 ? HOLDER_MARGIN : untilEnd;
                wait = candidate.compareTo(wait) < 0 ? candidate : wait;
            }
        }
        answers.lease(view(state, LeaseView.State.ENDING, holders.stream().map(LeaseHolder::leaseId).toList(), null,
                note));
        answers.report(ProvisioningProcess.progress(Progress.Phase.ENDING_LEASE, ready.data().status(), 0,
                now.plus(wait), null));
        pauseAnswering(wait, state);
        return true;
    }

    /** The expiry action, then the one {@code lease.expired}, then the end of the request. */
    private void expire(LeaseState state, ComputeEvent ready) {
        Instant deadline = state.endingSince().plus(request.options().timeout());
        answers.lease(view(state, LeaseView.State.ENDING, List.of(), null, null));
        answers.report(ProvisioningProcess.progress(Progress.Phase.ENDING_LEASE, ready.data().status(), 0, null,
                deadline));
        List<ComputeStatus.ErrorInfo> errors = new ArrayList<>();
        ActionResult result = cleanUp(state, deadline, errors);
        LeaseResult leaseResult;
        String note = null;
        ComputeStatus status = ready.data().status();
        if (result instanceof ActionResult.Done done) {
            status = done.status();
            if (state.onExpiry() == LeaseExpiry.STOP && done.status() != null) {
                // Stopped already (existing), or a stop sent or joined: either way the lease ends with it Stopped.
                leaseResult = LeaseResult.STOPPED;
                status = awaitSettled(state, done, deadline, Action.STOP);
                if (status == null) {
                    leaseResult = LeaseResult.ALREADY_GONE;
                    note = "Compute instance " + request.computeName() + " was deleted while its lease stopped it.";
                } else if (!isStopped(status)) {
                    note = "ARM accepted the stop; compute instance " + request.computeName() + " was still "
                            + describe(status) + " when this request stopped watching it.";
                }
            } else if (done.outcome() == Outcome.EXISTING) {
                leaseResult = LeaseResult.KEPT;
                note = "Compute " + request.computeName() + " was not created by request " + state.leaseId()
                        + ": a lease deletes only a compute its own request created.";
            } else if (done.outcome() == Outcome.UPDATED) {
                leaseResult = LeaseResult.SCALED_TO_ZERO;
            } else if (done.status() == null) {
                leaseResult = LeaseResult.ALREADY_GONE;
                note = "Compute " + request.computeName() + " was gone already.";
            } else {
                leaseResult = LeaseResult.DELETED;
                status = awaitSettled(state, done, deadline, Action.DELETE);
                if (status != null) {
                    note = "ARM accepted the deletion; compute " + request.computeName() + " was still "
                            + status.provisioningState() + " when this request stopped watching it.";
                }
            }
        } else {
            leaseResult = LeaseResult.FAILED;
            if (result instanceof ActionResult.Failed failed) {
                errors.addAll(failed.errors());
            }
        }
        Instant now = steps.now();
        ComputeEvent expired = ComputeEvents.lease(request, EventType.LEASE_EXPIRED,
                info(state, leaseResult, note), status, errors, state.startedAt(), now);
        steps.publish(Answers.json(expired), input.replyAddress());
        answers.lease(view(state, LeaseView.State.ENDED, List.of(), leaseResult, note));
        answers.report(ProvisioningProcess.progress(Progress.Phase.DONE, status, 0, null, null));
        for (Optional<Signal> next = steps.nextSignal(); next.isPresent(); next = steps.nextSignal()) {
            if (!answers.seen(next.get())) {
                answers.reject(next.get(), ReasonCode.REQUEST_ENDED, "Request " + request.requestId()
                        + " already ended: its lease ended at " + state.expiresAt() + " ("
                        + leaseResult.wireName() + ").");
            }
        }
    }

    /**
     * The expiry action, repeated after each "not now" (ARM throttling at expiry time) while attempts and the
     * deadline allow.
     *
     * @return the action's result, or null when it gave up ({@code errors} then says why)
     */
    private ActionResult cleanUp(LeaseState state, Instant deadline, List<ComputeStatus.ErrorInfo> errors) {
        CleanUp cleanUp = CleanUp.atLeaseEnd(request, state.onExpiry());
        int attempts = 0;
        while (true) {
            ActionResult result;
            try {
                result = steps.cleanUp(cleanUp);
            } catch (ProcessSteps.StepFailedException e) {
                errors.add(ProvisioningProcess.stepError("CleanUpCompute", e));
                return null;
            }
            if (!(result instanceof ActionResult.Wait wait)) {
                return result;
            }
            attempts++;
            Duration delay = StepRetryPolicy.delay(wait, attempts);
            if (delay == null || !steps.now().plus(delay).isBefore(deadline)) {
                errors.add(ComputeStatus.ErrorInfo.of(delay == null ? "RetriesExhausted" : "DeadlineExceeded",
                        "The expiry action (" + state.onExpiry().wireName() + ") on compute " + request.computeName()
                                + " could not be carried out within " + request.options().timeout() + "."));
                errors.add(ProvisioningProcess.causeOf(wait));
                return null;
            }
            pauseAnswering(delay, state);
        }
    }

    /**
     * Reads until the expiry action has taken effect or the deadline comes: for a delete, until the compute is gone;
     * for a stop, until the instance reads Stopped (ARM's stop is a long-running operation: 202, then Stopping).
     * Returns the last status, null once the compute is gone.
     */
    private ComputeStatus awaitSettled(LeaseState state, ActionResult.Done action, Instant deadline, Action kind) {
        ComputeStatus status = action.status();
        if (kind == Action.STOP && isStopped(status)) {
            return status;
        }
        ExpectedDuration expected = action.expected() != null ? action.expected()
                : ExpectedDuration.typicalFor(kind, request.operation().computeType());
        Instant start = steps.now();
        StatusQuery query = StatusQuery.of(request);
        int polls = 0;
        Duration retryAfter = null;
        while (steps.now().isBefore(deadline)) {
            Instant now = steps.now();
            Duration delay = polling.nextDelay(expected, Duration.between(start, now), polls, retryAfter, seed);
            Duration left = Duration.between(now, deadline);
            delay = delay.compareTo(left) > 0 ? left : delay;
            answers.report(ProvisioningProcess.progress(Progress.Phase.ENDING_LEASE, status, polls, now.plus(delay),
                    deadline));
            pauseAnswering(delay, state);
            StatusRead read;
            try {
                read = steps.readStatus(query);
            } catch (ProcessSteps.StepFailedException e) {
                return status;
            }
            polls++;
            retryAfter = null;
            if (read instanceof StatusRead.Missing) {
                return null;
            } else if (read instanceof StatusRead.Found found) {
                status = found.status();
                if (kind == Action.STOP && isStopped(status)) {
                    return status;
                }
            } else if (read instanceof StatusRead.Wait wait) {
                retryAfter = wait.retryAfter();
            } else {
                return status;
            }
        }
        return status;
    }

    private static boolean isStopped(ComputeStatus status) {
        return status != null && status.instance() != null && "Stopped".equals(status.instance().state());
    }

    private static String describe(ComputeStatus status) {
        return status.instance() != null && status.instance().state() != null ? status.instance().state()
                : status.provisioningState();
    }

    /** Waits {@code delay} while the lease ends, answering what comes: it can no longer be renewed or released. */
    private void pauseAnswering(Duration delay, LeaseState state) {
        Instant until = steps.now().plus(delay);
        while (true) {
            Duration left = Duration.between(steps.now(), until);
            if (left.isNegative() || left.isZero()) {
                return;
            }
            Optional<Signal> next = steps.pause(left);
            if (next.isEmpty() || answers.seen(next.get())) {
                return;
            }
            Signal signal = next.get();
            if (answers.seen(signal)) {
                continue;
            }
            if (signal.action() == Action.CANCEL) {
                answers.reject(signal, ReasonCode.NOT_CANCELLABLE, "Request " + request.requestId() + " is done:"
                        + " compute " + request.computeName() + " was ready, and its lease has ended.");
            } else {
                answers.reject(signal, ReasonCode.LEASE_NOT_ACTIVE, "The lease of request " + state.leaseId()
                        + " ended at " + state.expiresAt() + "; its expiry action (" + state.onExpiry().wireName()
                        + ") is under way.");
            }
        }
    }

    private LeaseInfo info(LeaseState state, LeaseResult result, String note) {
        return new LeaseInfo(state.leaseId(), state.expiresAt(), state.onExpiry(), result, note);
    }

    private LeaseView view(LeaseState state, LeaseView.State phase, List<String> heldBy, LeaseResult result,
                           String note) {
        return new LeaseView(state.leaseId(), compute, request.options().lease().duration(), state.onExpiry(), phase,
                state.expiresAt(), heldBy, result, note);
    }

    private static String computeId(ComputeRequest request) {
        return request.workspace().computeId(request.computeName());
    }

    private static ComputeEvent readyEvent(LeaseState state) {
        try {
            return Json.MAPPER.readValue(state.readyEvent(), ComputeEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the lease state's ready event is unreadable: "
                    + e.getOriginalMessage(), e);
        }
    }
}
