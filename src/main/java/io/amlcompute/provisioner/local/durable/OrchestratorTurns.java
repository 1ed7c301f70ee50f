package io.amlcompute.provisioner.local.durable;

import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ActivityRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ActivityResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.CompleteOrchestrationAction;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.CreateSubOrchestrationAction;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ExecutionStartedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.HistoryEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationStatus;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorAction;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ParentInstanceInfo;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ScheduleTaskAction;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.SendEventAction;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.SubOrchestrationInstanceCreatedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskScheduledEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TimerCreatedEvent;
import com.google.protobuf.StringValue;
import io.amlcompute.provisioner.local.durable.WorkQueue.ActivityTask;
import io.amlcompute.provisioner.local.durable.WorkQueue.PendingMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Orchestrator turns and activity results: builds the OrchestratorRequest a worker replays (committed history as
 * past events, queued messages as new events) and commits the worker's answer, all of it or nothing.
 */
final class OrchestratorTurns {

    /** A turn handed to a worker: which messages it consumes and the exact new events it was given. */
    record Turn(String instanceId, String executionId, Instant stamp, List<Long> messageIds,
                OrchestratorRequest request) {
    }

    private final HubDatabase database;
    private final InstanceStore instances;
    private final WorkQueue queue;
    private final InstanceTransitions transitions;

    OrchestratorTurns(HubDatabase database, InstanceStore instances, WorkQueue queue, InstanceTransitions transitions) {
        this.database = database;
        this.instances = instances;
        this.queue = queue;
        this.transitions = transitions;
    }

    Instant now() {
        return transitions.now();
    }

    /**
     * The next turn of an instance, if it has deliverable messages: all of them, none held back, as Azure Storage's
     * OrchestrationSessionManager puts every dequeued message of an instance into one work item and DTFx's
     * TaskOrchestrationDispatcher makes each a new event (Azure/durabletask; docs/local/durable-backend.md). The
     * turn starts with OrchestratorStarted, whose timestamp becomes {@code getCurrentInstant()}: the clock's time,
     * never earlier than the previous turn, and after the fireAt of every timer it delivers (1.4.0 re-arms a timer
     * whose turn is stamped exactly at fireAt; timers become deliverable only once the clock has passed fireAt, the
     * check below only guards that rule).
     */
    Optional<Turn> prepare(String instanceId) {
        return database.inTransaction(c -> {
            Optional<InstanceRecord> found = instances.find(instanceId);
            if (found.isEmpty() || found.get().isFinal() || found.get().isSuspended()) {
                return Optional.empty();
            }
            InstanceRecord record = found.get();
            Instant now = transitions.now();
            List<PendingMessage> messages = queue.visibleMessages(instanceId, record.executionId(), now);
            List<HistoryEvent> past = instances.history(instanceId);
            if (messages.isEmpty() || (past.isEmpty() && !messages.get(0).event().hasExecutionStarted())) {
                return Optional.empty();
            }
            Instant stamp = now;
            if (record.lastTurnAt() != null && record.lastTurnAt().isAfter(stamp)) {
                stamp = record.lastTurnAt();
            }
            for (PendingMessage message : messages) {
                if (message.event().hasTimerFired()) {
                    Instant justAfterFireAt = HistoryEvents.instant(message.event().getTimerFired().getFireAt())
                            .plus(Duration.ofMillis(1));
                    if (justAfterFireAt.isAfter(stamp)) {
                        stamp = justAfterFireAt;
                    }
                }
            }
            OrchestratorRequest.Builder request = OrchestratorRequest.newBuilder()
                    .setInstanceId(instanceId)
                    .setExecutionId(StringValue.of(record.executionId()))
                    .addAllPastEvents(past)
                    .addNewEvents(HistoryEvents.orchestratorStarted(stamp));
            List<Long> messageIds = new ArrayList<>();
            for (PendingMessage message : messages) {
                request.addNewEvents(message.event());
                messageIds.add(message.id());
            }
            return Optional.of(new Turn(instanceId, record.executionId(), stamp, List.copyOf(messageIds),
                    request.build()));
        });
    }

    /**
     * Commits a worker's answer to a turn: new events and the actions' events join the history, actions become
     * activities, timers, events and sub-orchestrations, and the consumed messages leave the queue. A turn for an
     * execution that has since ended or been replaced is discarded.
     *
     * @return the instances whose status may have changed
     */
    Set<String> commit(Turn turn, OrchestratorResponse response) {
        return database.inTransaction(c -> {
            Optional<InstanceRecord> found = instances.find(turn.instanceId());
            if (found.isEmpty() || found.get().isFinal() || !found.get().executionId().equals(turn.executionId())) {
                return Set.of();
            }
            InstanceRecord record = found.get();
            Instant stamp = turn.stamp();
            Set<String> changed = new LinkedHashSet<>(List.of(turn.instanceId()));
            List<HistoryEvent> appended = new ArrayList<>(turn.request().getNewEventsList());
            OrchestratorAction completion = null;
            for (OrchestratorAction action : response.getActionsList()) {
                switch (action.getOrchestratorActionTypeCase()) {
                    case SCHEDULETASK -> appended.add(scheduleActivity(record, action.getId(), action.getScheduleTask(), stamp));
                    case CREATETIMER -> {
                        queue.enqueue(record.instanceId(), record.executionId(),
                                HistoryEvents.timerFired(action.getId(), action.getCreateTimer().getFireAt()), stamp,
                                HistoryEvents.instant(action.getCreateTimer().getFireAt()));
                        appended.add(HistoryEvents.at(stamp).setEventId(action.getId()).setTimerCreated(
                                TimerCreatedEvent.newBuilder().setFireAt(action.getCreateTimer().getFireAt())).build());
                    }
                    case SENDEVENT -> appended.add(sendEvent(action.getId(), action.getSendEvent(), stamp));
                    case CREATESUBORCHESTRATION -> {
                        CreateSubOrchestrationAction create = action.getCreateSubOrchestration();
                        transitions.startSubOrchestration(record, action.getId(), create, stamp);
                        changed.add(create.getInstanceId());
                        appended.add(subOrchestrationCreated(action.getId(), create, stamp));
                    }
                    case COMPLETEORCHESTRATION -> completion = action;
                    case ORCHESTRATORACTIONTYPE_NOT_SET -> { }
                }
            }
            queue.deleteMessages(turn.messageIds());
            String customStatus = response.hasCustomStatus() && !response.getCustomStatus().getValue().isEmpty()
                    ? response.getCustomStatus().getValue() : null;
            if (completion == null) {
                appended.add(HistoryEvents.orchestratorCompleted(stamp));
                instances.appendHistory(record.instanceId(), appended);
                instances.save(record.afterTurn(customStatus, stamp, transitions.now()));
                return changed;
            }
            CompleteOrchestrationAction complete = completion.getCompleteOrchestration();
            if (complete.getOrchestrationStatus() == OrchestrationStatus.ORCHESTRATION_STATUS_CONTINUED_AS_NEW) {
                transitions.continueAsNew(record, complete, parentOf(turn), customStatus, stamp);
                return changed;
            }
            String output = HistoryEvents.text(complete.hasResult(), complete.getResult());
            var failure = complete.hasFailureDetails() ? complete.getFailureDetails() : null;
            appended.add(HistoryEvents.executionCompleted(completion.getId(), stamp, complete.getOrchestrationStatus(),
                    output, failure));
            appended.add(HistoryEvents.orchestratorCompleted(stamp));
            instances.appendHistory(record.instanceId(), appended);
            transitions.finish(record, complete.getOrchestrationStatus(), output, failure, customStatus, stamp);
            return changed;
        });
    }

    /** The parent recorded in this execution's ExecutionStarted (past events, or new ones on a first turn). */
    private static ParentInstanceInfo parentOf(Turn turn) {
        return Stream.concat(turn.request().getPastEventsList().stream(), turn.request().getNewEventsList().stream())
                .filter(HistoryEvent::hasExecutionStarted)
                .map(HistoryEvent::getExecutionStarted)
                .findFirst()
                .filter(ExecutionStartedEvent::hasParentInstance)
                .map(ExecutionStartedEvent::getParentInstance)
                .orElse(null);
    }

    /**
     * Ends an instance whose turn result cannot be applied because of a defect (not a database failure): delivering
     * the same turn again would fail the same way forever.
     */
    void failTurn(Turn turn, RuntimeException defect) {
        database.inTransaction(c -> {
            Optional<InstanceRecord> found = instances.find(turn.instanceId());
            if (found.isPresent() && !found.get().isFinal() && found.get().executionId().equals(turn.executionId())) {
                transitions.finish(found.get(), OrchestrationStatus.ORCHESTRATION_STATUS_FAILED, null,
                        HistoryEvents.failure("LocalDurableBackendError", String.valueOf(defect)),
                        found.get().customStatus(), turn.stamp());
            }
            return null;
        });
    }

    private HistoryEvent scheduleActivity(InstanceRecord record, int taskId, ScheduleTaskAction schedule, Instant stamp) {
        ActivityRequest.Builder request = ActivityRequest.newBuilder()
                .setName(schedule.getName())
                .setOrchestrationInstance(HistoryEvents.instance(record.instanceId(), record.executionId()))
                .setTaskId(taskId);
        TaskScheduledEvent.Builder scheduled = TaskScheduledEvent.newBuilder().setName(schedule.getName());
        if (schedule.hasVersion()) {
            request.setVersion(schedule.getVersion());
            scheduled.setVersion(schedule.getVersion());
        }
        if (schedule.hasInput()) {
            request.setInput(schedule.getInput());
            scheduled.setInput(schedule.getInput());
        }
        queue.addActivity(record.instanceId(), record.executionId(), request.build());
        return HistoryEvents.at(stamp).setEventId(taskId).setTaskScheduled(scheduled).build();
    }

    /** Events to unknown or finished instances are dropped, as the Durable extension does. */
    private HistoryEvent sendEvent(int eventId, SendEventAction send, Instant stamp) {
        String target = send.getInstance().getInstanceId();
        String data = HistoryEvents.text(send.hasData(), send.getData());
        transitions.raise(target, send.getName(), data);
        return HistoryEvents.eventSent(eventId, stamp, target, send.getName(), data);
    }

    private static HistoryEvent subOrchestrationCreated(int eventId, CreateSubOrchestrationAction create, Instant stamp) {
        SubOrchestrationInstanceCreatedEvent.Builder created = SubOrchestrationInstanceCreatedEvent.newBuilder()
                .setInstanceId(create.getInstanceId())
                .setName(create.getName());
        if (create.hasVersion()) {
            created.setVersion(create.getVersion());
        }
        if (create.hasInput()) {
            created.setInput(create.getInput());
        }
        return HistoryEvents.at(stamp).setEventId(eventId).setSubOrchestrationInstanceCreated(created).build();
    }

    /**
     * Commits an activity's result as a TaskCompleted or TaskFailed message for its execution's next turn. A result
     * for an activity that is gone (its instance finished, continued as new or was purged) is dropped.
     *
     * @return whether the result was taken
     */
    boolean commitActivity(ActivityTask task, ActivityResponse response) {
        return database.inTransaction(c -> {
            if (!queue.removeActivity(task.id())) {
                return false;
            }
            Optional<InstanceRecord> record = instances.find(task.instanceId());
            if (record.isEmpty() || record.get().isFinal() || !record.get().executionId().equals(task.executionId())) {
                return false;
            }
            Instant now = transitions.now();
            int taskId = task.request().getTaskId();
            HistoryEvent result = response.hasFailureDetails()
                    ? HistoryEvents.taskFailed(now, taskId, response.getFailureDetails())
                    : HistoryEvents.taskCompleted(now, taskId, HistoryEvents.text(response.hasResult(), response.getResult()));
            queue.enqueue(task.instanceId(), task.executionId(), result, now, null);
            return true;
        });
    }
}
