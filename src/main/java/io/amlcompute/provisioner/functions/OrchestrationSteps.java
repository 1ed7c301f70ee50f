package io.amlcompute.provisioner.functions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.durabletask.RetryPolicy;
import com.microsoft.durabletask.Task;
import com.microsoft.durabletask.TaskCanceledException;
import com.microsoft.durabletask.TaskFailedException;
import com.microsoft.durabletask.TaskOptions;
import com.microsoft.durabletask.TaskOrchestrationContext;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.provisioning.ActionResult;
import io.amlcompute.provisioner.provisioning.CleanUp;
import io.amlcompute.provisioner.provisioning.LeaseHolder;
import io.amlcompute.provisioner.provisioning.PollingPolicy;
import io.amlcompute.provisioner.provisioning.ProcessSteps;
import io.amlcompute.provisioner.provisioning.ProvisioningInput;
import io.amlcompute.provisioner.provisioning.Progress;
import io.amlcompute.provisioner.provisioning.ReplyAddress;
import io.amlcompute.provisioner.provisioning.Signal;
import io.amlcompute.provisioner.provisioning.StatusQuery;
import io.amlcompute.provisioner.provisioning.StatusRead;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The provisioning process's steps as Durable Functions primitives: timers, activities and custom status.
 * Activities get JSON trees written by the project's ObjectMapper and answer plain values whose JSON the
 * orchestrator reads back as a tree ({@link ActivityJson}); nothing crosses as a pre-serialized string. Only {@link TaskFailedException} is caught: catching anything broader would
 * swallow the signals the replay engine uses to suspend the orchestrator.
 */
final class OrchestrationSteps implements ProcessSteps {

    /** Activity crashes that no result describes (bugs, a dead worker): a few quick retries, then a failed event. */
    static final TaskOptions STEP_RETRIES = new TaskOptions(new RetryPolicy(3, Duration.ofSeconds(5))
            .setBackoffCoefficient(2.0).setMaxRetryInterval(Duration.ofMinutes(1)));
    /** Publishing must not give up early: the event is the request's only answer. About 40 minutes in all. */
    static final TaskOptions PUBLISH_RETRIES = new TaskOptions(new RetryPolicy(12, Duration.ofSeconds(5))
            .setBackoffCoefficient(2.0).setMaxRetryInterval(Duration.ofMinutes(5)));

    private final TaskOrchestrationContext ctx;
    private Progress reported;

    OrchestrationSteps(TaskOrchestrationContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Instant now() {
        return ctx.getCurrentInstant();
    }

    /** A durable timer, split into pieces of at most 3 days (1.4.0 ends longer timers early). */
    @Override
    public void sleep(Duration duration) {
        Instant until = ctx.getCurrentInstant().plus(duration);
        while (ctx.getCurrentInstant().isBefore(until)) {
            Duration left = Duration.between(ctx.getCurrentInstant(), until);
            ctx.createTimer(left.compareTo(PollingPolicy.MAX_TIMER) > 0 ? PollingPolicy.MAX_TIMER : left).await();
        }
    }

    /**
     * An external event {@value Signal#EVENT} with a timeout, in pieces of at most 3 days like {@link #sleep}. In
     * 1.4.0 the wait's own timer cancels the task when it fires first; an event that arrived before the wait began
     * is taken from the buffer at once.
     */
    @Override
    public Optional<Signal> pause(Duration duration) {
        Instant until = ctx.getCurrentInstant().plus(duration);
        while (ctx.getCurrentInstant().isBefore(until)) {
            Duration left = Duration.between(ctx.getCurrentInstant(), until);
            Task<JsonNode> event = ctx.waitForExternalEvent(Signal.EVENT,
                    left.compareTo(PollingPolicy.MAX_TIMER) > 0 ? PollingPolicy.MAX_TIMER : left, JsonNode.class);
            try {
                return Optional.of(read(event.await(), Signal.class));
            } catch (TaskCanceledException timedOut) {
                // the wait's own timer fired first: wait on, or return once the whole duration has passed
            }
        }
        return Optional.empty();
    }

    /** A buffered signal: 1.4.0 completes a zero-timeout wait from the buffer, or cancels it at once. */
    @Override
    public Optional<Signal> nextSignal() {
        Task<JsonNode> event = ctx.waitForExternalEvent(Signal.EVENT, Duration.ZERO, JsonNode.class);
        if (!event.isDone() || event.isCancelled()) {
            return Optional.empty();
        }
        return Optional.of(read(event.await(), Signal.class));
    }

    /**
     * Continue-as-new, keeping the signals not taken yet, after a zero timer. The Durable extension passes carried-over
     * events on to the next execution (ProtobufUtils.ToOrchestratorAction, CarryoverEvents, azure-functions-durable-
     * extension v2.13.7). durabletask-java 1.4.0 carries the buffered events and every event raised in the current
     * turn, taken or not (TaskOrchestrationExecutor.addCarryoverEvents, e938278a), and reads a turn's events only as
     * far as an await needs them. The timer settles both: waiting on it reads the rest of the current turn into the
     * buffer, and the turn it fires in holds no event this execution has taken, so nothing is carried twice.
     */
    @Override
    public void checkpoint(ProvisioningInput next) {
        ctx.createTimer(Duration.ZERO).await();
        ctx.continueAsNew(next, true);
    }

    @Override
    public ActionResult cleanUp(CleanUp cleanUp) {
        return read(call(CleanUpCompute.NAME, ActivityJson.input(cleanUp)), ActionResult.class);
    }

    @Override
    public List<LeaseHolder> leaseHolders(String computeId, String leaseId) {
        return read(call(FindLeaseHolders.NAME, ActivityJson.input(new FindLeaseHolders.Query(computeId, leaseId))),
                FindLeaseHolders.Holders.class).holders();
    }

    @Override
    public ActionResult act(String requestJson) {
        return read(call(PerformComputeAction.NAME, ActivityJson.tree(requestJson)), ActionResult.class);
    }

    @Override
    public StatusRead readStatus(StatusQuery query) {
        return read(call(ReadComputeStatus.NAME, ActivityJson.input(query)), StatusRead.class);
    }

    @Override
    public void publish(String eventJson, ReplyAddress replyTo) {
        publish(eventJson, replyTo, null);
    }

    @Override
    public void publish(String eventJson, ReplyAddress replyTo, Observation observation) {
        JsonNode event = ActivityJson.tree(eventJson);
        JsonNode input = ActivityJson.input(new PublishCompletion.Input(event, replyTo == null ? null : replyTo.queue(),
                observation == null ? null : observation.key(),
                observation == null ? null : observation.elapsed().toMillis()));
        try {
            ctx.callActivity(PublishCompletion.NAME, input, PUBLISH_RETRIES, String.class).await();
        } catch (TaskFailedException e) {
            // The orchestration fails with this exception; in Azure the middleware replaces it by a bare
            // "Unexpected failure in the task execution", so the reason is kept where the status API reads it.
            if (reported != null) {
                report(reported.withPublishFailure(PublishCompletion.NAME + " failed: " + reasonOf(e)));
            }
            throw e;
        }
        if (replyTo != null) {
            reply(event, replyTo);
        }
    }

    @Override
    public void reply(String eventJson, ReplyAddress replyTo) {
        reply(ActivityJson.tree(eventJson), replyTo);
    }

    /** The reply is a courtesy on top of the topic's event: when it never gets through, the status says so. */
    private void reply(JsonNode event, ReplyAddress replyTo) {
        JsonNode input = ActivityJson.input(new PublishReply.Input(event, replyTo.queue(), replyTo.sessionId()));
        try {
            ctx.callActivity(PublishReply.NAME, input, PUBLISH_RETRIES, String.class).await();
        } catch (TaskFailedException e) {
            if (reported != null) {
                report(reported.withReplyFailure(PublishReply.NAME + " failed: " + reasonOf(e)));
            }
        }
    }

    @Override
    public void report(Progress progress) {
        if (reported != null && reported.replyFailure() != null && progress.replyFailure() == null) {
            progress = progress.withReplyFailure(reported.replyFailure()); // a later phase must not hide it
        }
        reported = progress;
        // A JSON tree, not the record: Durable's own Jackson setup would write Instants as decimal numbers.
        ctx.setCustomStatus(Json.MAPPER.valueToTree(progress));
    }

    private JsonNode call(String activity, JsonNode input) {
        try {
            return ctx.callActivity(activity, input, STEP_RETRIES, JsonNode.class).await();
        } catch (TaskFailedException e) {
            throw new StepFailedException(reasonOf(e), e);
        }
    }

    /** The activity's failure as the Durable extension reported it: error type and message. */
    private static String reasonOf(TaskFailedException e) {
        return e.getErrorDetails() == null ? e.getMessage()
                : e.getErrorDetails().getErrorType() + ": " + e.getErrorDetails().getErrorMessage();
    }

    private static <T> T read(JsonNode json, Class<T> type) {
        if (json == null || json.isNull()) {
            throw new StepFailedException("no result " + type.getSimpleName(), null);
        }
        try {
            return Json.MAPPER.treeToValue(json, type);
        } catch (JsonProcessingException e) {
            throw new StepFailedException("unreadable result " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
