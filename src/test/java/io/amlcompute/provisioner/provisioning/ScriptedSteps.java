package io.amlcompute.provisioner.provisioning;

import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.contract.event.ComputeEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Steps that answer from a script and keep virtual time: sleeping moves the clock, nothing waits. For tests of
 * the process's decisions; the orchestrator tests run the same process through the real replay engine.
 */
final class ScriptedSteps implements ProcessSteps {

    private Instant now;
    private final Deque<Object> actResults = new ArrayDeque<>();
    private final Deque<Object> statusReads = new ArrayDeque<>();
    final List<Duration> sleeps = new ArrayList<>();
    final List<ComputeEvent> published = new ArrayList<>();
    final List<ReplyAddress> replies = new ArrayList<>();
    final List<Progress> progress = new ArrayList<>();
    final List<Observation> observations = new ArrayList<>();
    int acts;
    int reads;

    ScriptedSteps(Instant start) {
        this.now = start;
    }

    /** Queues results of the action step; a RuntimeException is thrown instead of returned. */
    ScriptedSteps acting(Object... results) {
        actResults.addAll(List.of(results));
        return this;
    }

    /** Queues status reads; the last one repeats forever. */
    ScriptedSteps reading(Object... results) {
        statusReads.addAll(List.of(results));
        return this;
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public void sleep(Duration duration) {
        if (duration.isNegative()) {
            throw new AssertionError("negative sleep " + duration);
        }
        sleeps.add(duration);
        now = now.plus(duration);
    }

    @Override
    public ActionResult act(String requestJson) {
        acts++;
        return answer(actResults.size() > 1 ? actResults.poll() : actResults.peek(), ActionResult.class);
    }

    @Override
    public StatusRead readStatus(StatusQuery query) {
        reads++;
        return answer(statusReads.size() > 1 ? statusReads.poll() : statusReads.peek(), StatusRead.class);
    }

    @Override
    public void publish(String eventJson, ReplyAddress replyTo, Observation observation) {
        if (observation != null) {
            observations.add(observation);
        }
        publish(eventJson, replyTo);
    }

    @Override
    public void publish(String eventJson, ReplyAddress replyTo) {
        try {
            published.add(Json.MAPPER.readValue(eventJson, ComputeEvent.class));
        } catch (Exception e) {
            throw new AssertionError("the process published unreadable JSON: " + eventJson, e);
        }
        replies.add(replyTo);
    }

    @Override
    public void report(Progress progress) {
        this.progress.add(progress);
    }

    private static <T> T answer(Object scripted, Class<T> type) {
        if (scripted == null) {
            throw new AssertionError("no scripted " + type.getSimpleName() + " left");
        }
        if (scripted instanceof RuntimeException e) {
            throw e;
        }
        return type.cast(scripted);
    }
}
