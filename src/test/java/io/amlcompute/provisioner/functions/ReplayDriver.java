package io.amlcompute.provisioner.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.Gson;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.StringValue;
import com.google.protobuf.Timestamp;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.EventRaisedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ExecutionStartedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.HistoryEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationInstance;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationStatus;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorAction;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorStartedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskCompletedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskFailedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskFailureDetails;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskScheduledEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TimerCreatedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TimerFiredEvent;
import io.amlcompute.provisioner.local.host.worker.Invocation;
import io.amlcompute.provisioner.local.host.worker.InvocationResult;
import io.amlcompute.provisioner.local.host.worker.JavaWorker;
import io.amlcompute.provisioner.local.host.worker.TypedData;
import io.amlcompute.provisioner.local.host.worker.WorkerFunction;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the real orchestrator through the real durabletask replay engine, invoked as in Azure (the modelled Java
 * worker running durabletask-azure-functions' OrchestrationMiddleware, which calls
 * {@code OrchestrationRunner.loadAndRun}), one turn at a time, building the history a Durable backend would build: each turn replays every past event
 * and adds one new one (an activity result, or the earliest timer firing at least 1 ms after its fireAt).
 * Activities are answered by a script, external events are raised at scripted times, and a continue-as-new starts
 * the next execution as a backend does (a fresh history from the new input and the carried-over events). Every turn
 * is run twice to prove it yields the same actions.
 */
final class ReplayDriver {

    /** What the durable client's default Jackson setup writes as the orchestration input. */
    private static final ObjectMapper CLIENT_JSON = new ObjectMapper();
    /** The Functions Java worker's Gson, which writes an activity's return value. */
    private static final Gson WORKER_GSON = new Gson();
    private static final JavaWorker WORKER = new JavaWorker(ReplayDriver.class.getClassLoader());
    private static final WorkerFunction ORCHESTRATOR = orchestratorFunction();
    private static final Duration ACTIVITY_LATENCY = Duration.ofMillis(200);

    private final String instanceId;
    private final BiFunction<String, String, Object> activities;
    private final List<HistoryEvent> past = new ArrayList<>();
    private final List<Pending> pending = new ArrayList<>();
    private Instant now;

    /** External events by the time they are raised: delivered once due, before any activity result then pending. */
    private final TreeMap<Instant, List<HistoryEvent>> raised = new TreeMap<>();
    /** The input of every execution, the first one's included. */
    final List<String> executionInputs = new ArrayList<>();
    /** Each finished execution's history size (see {@link #historyBytes}). */
    final List<Long> executionHistoryBytes = new ArrayList<>();
    final List<OrchestratorAction> allActions = new ArrayList<>();
    final List<Instant> turnTimes = new ArrayList<>();
    final List<String> customStatuses = new ArrayList<>();
    int turns;

    /**
     * @param activities answers an activity call (name, input JSON text) with what the activity returns (a record
     *                   such as an ActionResult, or a String), or throws/returns a {@link Failure} to make it fail
     */
    ReplayDriver(String instanceId, Instant start, BiFunction<String, String, Object> activities) {
        this.instanceId = instanceId;
        this.now = start;
        this.activities = activities;
    }

    private static WorkerFunction orchestratorFunction() {
        try {
            return WorkerFunction.of(ProvisionComputeOrchestrator.NAME, ProvisionComputeOrchestrator.class
                    .getMethod("run", com.microsoft.durabletask.TaskOrchestrationContext.class), false);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    /** An activity failure as the worker reports it. */
    record Failure(String errorType, String message) {
    }

    /**
     * Raises the external event {@code name} at {@code at}, its payload written as the durable client writes it (its
     * default Jackson).
     */
    ReplayDriver raiseAt(Instant at, String name, Object payload) throws Exception {
        raised.computeIfAbsent(at, k -> new ArrayList<>()).add(HistoryEvent.newBuilder().setEventId(-1)
                .setTimestamp(ts(at)).setEventRaised(EventRaisedEvent.newBuilder().setName(name)
                        .setInput(StringValue.of(CLIENT_JSON.writeValueAsString(payload)))).build());
        return this;
    }

    /** Runs the orchestration to its end, through every continue-as-new, and returns the final CompleteOrchestration. */
    OrchestratorAction run(Object input) throws Exception {
        List<HistoryEvent> newEvents = executionStart(CLIENT_JSON.writeValueAsString(input), List.of());
        for (int guard = 0; guard < 10_000; guard++) {
            OrchestratorResponse response = turn(newEvents);
            past.addAll(newEvents);
            newEvents = null;
            for (OrchestratorAction action : response.getActionsList()) {
                allActions.add(action);
                if (action.hasCompleteOrchestration()) {
                    if (action.getCompleteOrchestration().getOrchestrationStatus()
                            != OrchestrationStatus.ORCHESTRATION_STATUS_CONTINUED_AS_NEW) {
                        executionHistoryBytes.add(historyBytes(action));
                        return action;
                    }
                    // A new execution: the old one's history, timers and activities are gone; its unconsumed events
                    // come along (carryover), as the Durable extension passes them to DTFx.
                    executionHistoryBytes.add(historyBytes(null));
                    past.clear();
                    pending.clear();
                    now = now.plusMillis(1);
                    newEvents = executionStart(action.getCompleteOrchestration().getResult().getValue(),
                            action.getCompleteOrchestration().getCarryoverEventsList());
                    break;
                }
                record(action);
            }
            if (newEvents == null) {
                newEvents = nextEvents();
            }
        }
        throw new AssertionError("the orchestration did not complete within 10000 turns");
    }

    private List<HistoryEvent> executionStart(String input, List<HistoryEvent> carriedOver) {
        executionInputs.add(input);
        List<HistoryEvent> events = new ArrayList<>(List.of(orchestratorStarted(now), HistoryEvent.newBuilder()
                .setEventId(-1).setTimestamp(ts(now))
                .setExecutionStarted(ExecutionStartedEvent.newBuilder().setName(ProvisionComputeOrchestrator.NAME)
                        .setInput(StringValue.of(input))
                        .setOrchestrationInstance(OrchestrationInstance.newBuilder().setInstanceId(instanceId)
                                .setExecutionId(StringValue.of("exec-" + executionInputs.size()))))
                .build()));
        events.addAll(carriedOver);
        return events;
    }

    /** How many executions ran: 1 plus one per continue-as-new. */
    int executions() {
        return executionInputs.size();
    }

    private OrchestratorResponse turn(List<HistoryEvent> newEvents) throws InvalidProtocolBufferException {
        turns++;
        turnTimes.add(now);
        byte[] request = OrchestratorRequest.newBuilder().setInstanceId(instanceId).addAllPastEvents(past)
                .addAllNewEvents(newEvents).build().toByteArray();
        // Run as in Azure: the Functions Java worker (modelled) invokes the orchestrator function through
        // durabletask-azure-functions' own OrchestrationMiddleware, with the request as a base64 string.
        byte[] first = invokeOrchestrator(request);
        byte[] second = invokeOrchestrator(request);
        OrchestratorResponse response = OrchestratorResponse.parseFrom(first);
        // A failed orchestration carries the Java stack trace, which differs by the caller's line: compare without it.
        assertThat(withoutStackTraces(OrchestratorResponse.parseFrom(second)))
                .as("turn %d replays to the same actions", turns).isEqualTo(withoutStackTraces(response));
        if (response.hasCustomStatus()) {
            customStatuses.add(response.getCustomStatus().getValue());
        }
        return response;
    }

    private static OrchestratorResponse withoutStackTraces(OrchestratorResponse response) {
        OrchestratorResponse.Builder builder = response.toBuilder();
        for (OrchestratorAction.Builder action : builder.getActionsBuilderList()) {
            if (action.hasCompleteOrchestration() && action.getCompleteOrchestration().hasFailureDetails()) {
                action.getCompleteOrchestrationBuilder().getFailureDetailsBuilder().clearStackTrace();
            }
        }
        return builder.build();
    }

    private void record(OrchestratorAction action) {
        if (action.hasScheduleTask()) {
            past.add(HistoryEvent.newBuilder().setEventId(action.getId()).setTimestamp(ts(now))
                    .setTaskScheduled(TaskScheduledEvent.newBuilder().setName(action.getScheduleTask().getName())
                            .setInput(action.getScheduleTask().getInput())).build());
            pending.add(new Pending(action.getId(), action.getScheduleTask().getName(),
                    action.getScheduleTask().getInput().getValue(), null));
        } else if (action.hasCreateTimer()) {
            Instant fireAt = instant(action.getCreateTimer().getFireAt());
            past.add(HistoryEvent.newBuilder().setEventId(action.getId()).setTimestamp(ts(now))
                    .setTimerCreated(TimerCreatedEvent.newBuilder().setFireAt(action.getCreateTimer().getFireAt()))
                    .build());
            pending.add(new Pending(action.getId(), null, null, fireAt));
        } else {
            throw new AssertionError("unexpected action " + action);
        }
    }

    /**
     * The next turn's new events: external events already due (they arrived while the orchestrator was busy), else
     * the oldest activity result, else the earliest of the next timer and the next external event.
     */
    private List<HistoryEvent> nextEvents() throws Exception {
        Map.Entry<Instant, List<HistoryEvent>> due = raised.firstEntry();
        if (due != null && !due.getKey().isAfter(now)) {
            return raise(raised.pollFirstEntry().getValue());
        }
        Pending timer = pending.stream().filter(p -> p.fireAt() != null).min(Comparator.comparing(Pending::fireAt))
                .orElse(null);
        boolean activityPending = pending.stream().anyMatch(p -> p.fireAt() == null);
        if (!activityPending && due != null && (timer == null || due.getKey().isBefore(timer.fireAt()))) {
            now = due.getKey();
            return raise(raised.pollFirstEntry().getValue());
        }
        Pending next = pending.stream().filter(p -> p.fireAt() == null).findFirst()
                .orElseGet(() -> Optional.ofNullable(timer)
                        .orElseThrow(() -> new AssertionError("the orchestrator waits on nothing")));
        pending.remove(next);
        if (next.fireAt() != null) {
            // Stamp the turn after fireAt: 1.4.0 emits a duplicate timer when a turn is stamped exactly at it.
            Instant firedAt = next.fireAt().plusMillis(1);
            now = firedAt.isAfter(now) ? firedAt : now.plusMillis(1);
            return List.of(orchestratorStarted(now), HistoryEvent.newBuilder().setEventId(-1).setTimestamp(ts(now))
                    .setTimerFired(TimerFiredEvent.newBuilder().setTimerId(next.id()).setFireAt(ts(next.fireAt())))
                    .build());
        }
        now = now.plus(ACTIVITY_LATENCY);
        // The Durable extension hands a Java activity the scheduled input's JSON text, compact and never unwrapped.
        String input = CLIENT_JSON.readTree(next.input()).toString();
        Object result;
        try {
            result = activities.apply(next.name(), input);
        } catch (RuntimeException e) {
            // The extension's failure details for a Java activity: the root cause's simple class name and message.
            result = new Failure(e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
        }
        HistoryEvent.Builder event = HistoryEvent.newBuilder().setEventId(-1).setTimestamp(ts(now));
        if (result instanceof Failure failure) {
            event.setTaskFailed(TaskFailedEvent.newBuilder().setTaskScheduledId(next.id()).setFailureDetails(
                    TaskFailureDetails.newBuilder().setErrorType(failure.errorType()).setErrorMessage(failure.message())));
        } else {
            event.setTaskCompleted(TaskCompletedEvent.newBuilder().setTaskScheduledId(next.id())
                    .setResult(StringValue.of(storedResult(result))));
        }
        return List.of(orchestratorStarted(now), event.build());
    }

    private List<HistoryEvent> raise(List<HistoryEvent> events) {
        List<HistoryEvent> batch = new ArrayList<>(List.of(orchestratorStarted(now)));
        events.forEach(e -> batch.add(e.toBuilder().setTimestamp(ts(now)).build()));
        return batch;
    }

    /**
     * What the Durable extension stores for a Java activity's return value: a String as a JSON string literal, any
     * other value as the JSON the worker's Gson writes of it (the activities return {@link ActivityJson#result}).
     */
    private static String storedResult(Object returned) throws Exception {
        if (returned instanceof String text) {
            return CLIENT_JSON.writeValueAsString(text);
        }
        Object plain = returned instanceof java.util.Map<?, ?> ? returned : ActivityJson.result(returned);
        return CLIENT_JSON.readTree(WORKER_GSON.toJson(plain)).toString();
    }

    private static byte[] invokeOrchestrator(byte[] request) {
        Invocation invocation = Invocation.of(ProvisionComputeOrchestrator.NAME,
                Map.of("ctx", new TypedData.Text(Base64.getEncoder().encodeToString(request))), Map.of());
        InvocationResult result = WORKER.invoke(ORCHESTRATOR, invocation, Logger.getLogger("Function.ProvisionCompute"));
        if (!(result instanceof InvocationResult.Success success) || !(success.returnValue() instanceof TypedData.Text text)) {
            throw new AssertionError("the orchestrator invocation failed: " + result);
        }
        return Base64.getDecoder().decode(text.value());
    }

    /**
     * The size of the orchestration's history so far, as the Durable protocol carries it: every past event's
     * protobuf size (inputs, results, timers, the orchestration's input) plus, once it completed, its output.
     */
    long historyBytes(OrchestratorAction completion) {
        long bytes = past.stream().mapToLong(HistoryEvent::getSerializedSize).sum();
        return completion == null ? bytes : bytes + completion.getCompleteOrchestration().getResult().getSerializedSize();
    }

    /** Names of the activities scheduled, in order. */
    List<String> scheduledActivities() {
        return allActions.stream().filter(OrchestratorAction::hasScheduleTask)
                .map(a -> a.getScheduleTask().getName()).toList();
    }

    /** Every timer's length, measured from the turn that created it. */
    List<Duration> timerLengths() {
        List<Duration> lengths = new ArrayList<>();
        for (HistoryEvent event : past) {
            if (event.hasTimerCreated()) {
                lengths.add(Duration.between(instant(event.getTimestamp()), instant(event.getTimerCreated().getFireAt())));
            }
        }
        return lengths;
    }

    Instant now() {
        return now;
    }

    private static HistoryEvent orchestratorStarted(Instant at) {
        return HistoryEvent.newBuilder().setEventId(-1).setTimestamp(ts(at))
                .setOrchestratorStarted(OrchestratorStartedEvent.getDefaultInstance()).build();
    }

    static Timestamp ts(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    static Instant instant(Timestamp ts) {
        return Instant.ofEpochSecond(ts.getSeconds(), ts.getNanos());
    }

    private record Pending(int id, String name, String input, Instant fireAt) {
    }

    @Override
    public String toString() {
        return "ReplayDriver" + Arrays.asList(instanceId, turns, now);
    }
}
