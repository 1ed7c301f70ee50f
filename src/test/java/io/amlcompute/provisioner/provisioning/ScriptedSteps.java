package io.amlcompute.provisioner.provisioning;

import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.contract.event.ComputeEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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
    final List<ReplyAddress> extraReplies = new ArrayList<>();
    final List<ProvisioningInput> checkpoints = new ArrayList<>();
    final List<CleanUp> cleanUps = new ArrayList<>();
    private final Deque<Object> cleanUpResults = new ArrayDeque<>();
    private final Deque<Object> holderAnswers = new ArrayDeque<>();
    private final TreeMap<Instant, List<Signal>> signals = new TreeMap<>();
    int acts;
    int reads;
    int holderQueries;

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

    /** Queues results of the clean-up step (expiry actions, cancel removals); the last one repeats. */
    ScriptedSteps cleaningUp(Object... results) {
        cleanUpResults.addAll(List.of(results));
        return this;
    }

    /** Queues answers to the lease-holder query, each a {@code List<LeaseHolder>} or an exception; the last repeats. */
    ScriptedSteps holders(Object... answers) {
        holderAnswers.addAll(List.of(answers));
        return this;
    }

    /** A control request that arrives at {@code at}; signals that arrive together are taken in the order given. */
    ScriptedSteps signalAt(Instant at, Signal signal) {
        signals.computeIfAbsent(at, k -> new ArrayList<>()).add(signal);
        return this;
    }

    /** Moves the clock to when the next signal comes, if that is within {@code duration}. */
    @Override
    public Optional<Signal> pause(Duration duration) {
        if (duration.isNegative()) {
            throw new AssertionError("negative pause " + duration);
        }
        Map.Entry<Instant, List<Signal>> next = signals.firstEntry();
        if (next != null && !next.getKey().isAfter(now.plus(duration))) {
            if (next.getKey().isAfter(now)) {
                sleeps.add(Duration.between(now, next.getKey()));
                now = next.getKey();
            }
            return Optional.of(take(next));
        }
        sleep(duration);
        return Optional.empty();
    }

    @Override
    public Optional<Signal> nextSignal() {
        Map.Entry<Instant, List<Signal>> next = signals.firstEntry();
        return next != null && !next.getKey().isAfter(now) ? Optional.of(take(next)) : Optional.empty();
    }

    private Signal take(Map.Entry<Instant, List<Signal>> entry) {
        Signal signal = entry.getValue().remove(0);
        if (entry.getValue().isEmpty()) {
            signals.remove(entry.getKey());
        }
        return signal;
    }

    int signalsLeft() {
        return signals.values().stream().mapToInt(List::size).sum();
    }

    @Override
    public void checkpoint(ProvisioningInput next) {
        checkpoints.add(next);
    }

    @Override
    public ActionResult cleanUp(CleanUp cleanUp) {
        cleanUps.add(cleanUp);
        return answer(cleanUpResults.size() > 1 ? cleanUpResults.poll() : cleanUpResults.peek(), ActionResult.class);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<LeaseHolder> leaseHolders(String computeId, String leaseId) {
        holderQueries++;
        Object answer = holderAnswers.size() > 1 ? holderAnswers.poll() : holderAnswers.peek();
        return answer == null ? List.of() : answer(answer, List.class);
    }

    @Override
    public void reply(String eventJson, ReplyAddress replyTo) {
        extraReplies.add(replyTo);
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
