package io.amlcompute.provisioner.provisioning;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.amlcompute.provisioner.contract.Action;
import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.contract.event.Completion;
import io.amlcompute.provisioner.contract.event.ComputeEvent;
import io.amlcompute.provisioner.contract.event.ComputeEvents;
import io.amlcompute.provisioner.contract.event.EventType;
import io.amlcompute.provisioner.contract.event.Outcome;
import io.amlcompute.provisioner.contract.validation.MessageEnvelope;
import io.amlcompute.provisioner.contract.validation.ParseResult;
import io.amlcompute.provisioner.contract.validation.RequestDefaults;
import io.amlcompute.provisioner.contract.validation.RequestParser;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The provisioning process of one request, from action to terminal event: perform the action (waiting and
 * repeating it while ARM says "not now"), then read the status on an adaptive schedule until the compute is
 * ready, failed, or the deadline passes, then publish exactly one event. Every path ends in {@link #run}'s
 * single publish.
 *
 * <p>Deterministic given the results of its steps, so an orchestrator can run it under replay: time comes only
 * from {@link ProcessSteps#now()}, waits only through {@link ProcessSteps#sleep}, and jitter from the seed.
 */
public final class ProvisioningProcess {

    private static final RequestParser PARSER = new RequestParser(RequestDefaults.standard());

    private final PollingPolicy polling;

    public ProvisioningProcess(PollingPolicy polling) {
        this.polling = Objects.requireNonNull(polling, "polling");
    }

    /**
     * Runs the process to its end and returns the event it published.
     *
     * @param seed jitter seed; the orchestration passes its instance id's hash
     */
    public ComputeEvent run(ProvisioningInput input, ProcessSteps steps, long seed) {
        ComputeRequest request = parse(input.request());
        Instant start = steps.now();
        Instant deadline = start.plus(request.options().timeout());
        Completion completion = carryOut(request, input.request(), steps, start, deadline, seed);
        ComputeEvent event = ComputeEvents.completed(request, completion, start, steps.now());
        steps.report(new Progress(Progress.Phase.PUBLISHING, stateOf(completion.status()),
                allocationOf(completion.status()), current(completion.status()), target(completion.status()),
                completion.polls(), null, deadline));
        steps.publish(toJson(event), input.replyAddress(), observationOf(request, completion, event));
        steps.report(new Progress(Progress.Phase.DONE, stateOf(completion.status()),
                allocationOf(completion.status()), current(completion.status()), target(completion.status()),
                completion.polls(), null, deadline));
        return event;
    }

    private Completion carryOut(ComputeRequest request, String requestJson, ProcessSteps steps, Instant start,
                                Instant deadline, long seed) {
        ActionResult action;
        try {
            Acted acted = act(request, requestJson, steps, deadline);
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
        return monitor(request, done, steps, start, deadline, seed).withWarnings(done.warnings());
    }

    /**
     * Performs the action, repeating it after each "not now" while attempts and the deadline allow.
     *
     * @return Done or Failed, or why the waiting ended
     */
    private static Acted act(ComputeRequest request, String requestJson, ProcessSteps steps, Instant deadline) {
        int attempts = 0;
        while (true) {
            steps.report(new Progress(Progress.Phase.ACTING, null, null, null, null, 0, null, deadline));
            ActionResult result = steps.act(requestJson);
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
            steps.sleep(delay);
        }
    }

    /** How the action step ended: with a result, or by giving up waiting (retries ran out, or the deadline came). */
    private sealed interface Acted {
        record Result(ActionResult result) implements Acted {
        }

        record GaveUp(Completion completion) implements Acted {
        }
    }

    private static ComputeStatus.ErrorInfo causeOf(ActionResult.Wait wait) {
        return ComputeStatus.ErrorInfo.of(wait.code() == null ? wait.reason().name() : wait.code(),
                wait.message() == null ? wait.reason().name() : wait.message());
    }

    private Completion monitor(ComputeRequest request, ActionResult.Done done,
                               ProcessSteps steps, Instant start, Instant deadline, long seed) {
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
            steps.report(new Progress(Progress.Phase.WAITING, stateOf(status), allocationOf(status), current(status),
                    target(status), polls, now.plus(delay), deadline));
            steps.sleep(delay);
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

    private static ComputeStatus.ErrorInfo stepError(String step, ProcessSteps.StepFailedException e) {
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

    private static String toJson(ComputeEvent event) {
        try {
            return Json.MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + event.id() + " cannot be written as JSON", e);
        }
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
