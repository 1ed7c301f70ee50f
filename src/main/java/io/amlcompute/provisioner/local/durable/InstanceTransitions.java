package io.amlcompute.provisioner.local.durable;

import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.CompleteOrchestrationAction;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.CreateSubOrchestrationAction;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.HistoryEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationStatus;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ParentInstanceInfo;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskFailureDetails;
import com.google.protobuf.StringValue;
import io.amlcompute.provisioner.local.durable.InstanceRecord.ParentLink;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The life of an instance: start (or replace), receive events, suspend, resume, continue as new, finish. Clients
 * and committed orchestrator turns both change instances only through here, each change in one transaction.
 */
final class InstanceTransitions {

    enum StartOutcome { STARTED, ALREADY_EXISTS }

    /** What a client command did: applied, no such instance, or nothing to do because the instance has finished. */
    enum CommandOutcome { APPLIED, NOT_FOUND, ALREADY_FINAL }

    /** Failure type a parent sees when its sub-orchestration was terminated (DTFx reports it as a failure too). */
    static final String TERMINATED_ERROR_TYPE = "Terminated";

    private final HubDatabase database;
    private final InstanceStore instances;
    private final WorkQueue queue;
    private final Clock clock;

    InstanceTransitions(HubDatabase database, InstanceStore instances, WorkQueue queue, Clock clock) {
        this.database = database;
        this.instances = instances;
        this.queue = queue;
        this.clock = clock;
    }

    Instant now() {
        return HistoryEvents.millis(clock.instant());
    }

    /**
     * Starts an instance. Like the Durable extension: an id that is Pending, Running or Suspended is refused; a
     * finished one is replaced by a new run with a fresh history.
     */
    StartOutcome start(String instanceId, String name, String version, String input, Instant scheduledStart) {
        return database.inTransaction(c -> {
            Optional<InstanceRecord> existing = instances.find(instanceId);
            if (existing.isPresent() && !existing.get().isFinal()) {
                return StartOutcome.ALREADY_EXISTS;
            }
            newExecution(instanceId, name, version, input, null, null, scheduledStart);
            return StartOutcome.STARTED;
        });
    }

    /** Starts the child of a sub-orchestration action; a child id that is still active fails the parent's task. */
    void startSubOrchestration(InstanceRecord parent, int taskId, CreateSubOrchestrationAction action, Instant at) {
        Optional<InstanceRecord> existing = instances.find(action.getInstanceId());
        if (existing.isPresent() && !existing.get().isFinal()) {
            queue.enqueue(parent.instanceId(), parent.executionId(), HistoryEvents.subOrchestrationFailed(at, taskId,
                    HistoryEvents.failure("OrchestrationAlreadyExistsException", "An orchestration instance with the ID "
                            + action.getInstanceId() + " already exists.")), now(), null);
            return;
        }
        ParentInstanceInfo.Builder info = ParentInstanceInfo.newBuilder()
                .setTaskScheduledId(taskId)
                .setName(StringValue.of(parent.name()))
                .setOrchestrationInstance(HistoryEvents.instance(parent.instanceId(), parent.executionId()));
        if (parent.version() != null) {
            info.setVersion(StringValue.of(parent.version()));
        }
        newExecution(action.getInstanceId(), action.getName(),
                HistoryEvents.text(action.hasVersion(), action.getVersion()),
                HistoryEvents.text(action.hasInput(), action.getInput()),
                new ParentLink(parent.instanceId(), parent.executionId(), taskId), info.build(), null);
    }

    private void newExecution(String instanceId, String name, String version, String input, ParentLink parent,
                              ParentInstanceInfo parentInfo, Instant scheduledStart) {
        Instant now = now();
        String executionId = UUID.randomUUID().toString();
        instances.clearHistory(instanceId);
        queue.clear(instanceId, null);
        instances.save(InstanceRecord.pending(instanceId, executionId, name, version, input, now, parent));
        Instant readyAt = scheduledStart != null && scheduledStart.isAfter(now) ? HistoryEvents.millis(scheduledStart) : null;
        queue.enqueue(instanceId, executionId, HistoryEvents.executionStarted(now, instanceId, executionId, name, version,
                input, parentInfo, scheduledStart), now, readyAt);
    }

    /** Queues an external event for the instance's next turn; events for finished instances are dropped. */
    CommandOutcome raise(String instanceId, String eventName, String input) {
        return database.inTransaction(c -> {
            Optional<InstanceRecord> record = instances.find(instanceId);
            if (record.isEmpty()) {
                return CommandOutcome.NOT_FOUND;
            }
            if (record.get().isFinal()) {
                return CommandOutcome.ALREADY_FINAL;
            }
            Instant now = now();
            queue.enqueue(instanceId, null, HistoryEvents.eventRaised(now, eventName, input), now, null);
            return CommandOutcome.APPLIED;
        });
    }

    /**
     * Ends the instance now, as DTFx does for ExecutionTerminated, without running the orchestrator; a turn still
     * in flight is discarded when it completes.
     */
    CommandOutcome terminate(String instanceId, String output) {
        return database.inTransaction(c -> {
            Optional<InstanceRecord> record = instances.find(instanceId);
            if (record.isEmpty()) {
                return CommandOutcome.NOT_FOUND;
            }
            if (record.get().isFinal()) {
                return CommandOutcome.ALREADY_FINAL;
            }
            InstanceRecord active = record.get();
            finish(active, OrchestrationStatus.ORCHESTRATION_STATUS_TERMINATED, output, null, active.customStatus(),
                    active.lastTurnAt());
            return CommandOutcome.APPLIED;
        });
    }

    /** Holds the instance's turns (its events queue up) until resumed; running activities still finish. */
    CommandOutcome suspend(String instanceId) {
        return changeStatus(instanceId, record -> record.isSuspended() ? record
                : record.withStatus(OrchestrationStatus.ORCHESTRATION_STATUS_SUSPENDED, now()));
    }

    CommandOutcome resume(String instanceId) {
        return changeStatus(instanceId, record -> record.isSuspended() ? record.resumed(now()) : record);
    }

    private CommandOutcome changeStatus(String instanceId, java.util.function.UnaryOperator<InstanceRecord> change) {
        return database.inTransaction(c -> {
            Optional<InstanceRecord> record = instances.find(instanceId);
            if (record.isEmpty()) {
                return CommandOutcome.NOT_FOUND;
            }
            if (record.get().isFinal()) {
                return CommandOutcome.ALREADY_FINAL;
            }
            instances.save(change.apply(record.get()));
            return CommandOutcome.APPLIED;
        });
    }

    /** Final status: pending work is dropped and a parent orchestration gets the sub-orchestration's result. */
    void finish(InstanceRecord record, OrchestrationStatus status, String output, TaskFailureDetails failure,
                String customStatus, Instant turnStamp) {
        Instant now = now();
        queue.clear(record.instanceId(), null);
        instances.save(record.finished(status, output, failure, customStatus, turnStamp, now));
        ParentLink parent = record.parent();
        if (parent == null) {
            return;
        }
        Optional<InstanceRecord> parentRecord = instances.find(parent.instanceId());
        if (parentRecord.isEmpty() || parentRecord.get().isFinal()
                || !parentRecord.get().executionId().equals(parent.executionId())) {
            return;
        }
        HistoryEvent answer;
        if (status == OrchestrationStatus.ORCHESTRATION_STATUS_COMPLETED) {
            answer = HistoryEvents.subOrchestrationCompleted(now, parent.taskScheduledId(), output);
        } else {
            TaskFailureDetails reason = failure != null ? failure : HistoryEvents.failure(TERMINATED_ERROR_TYPE,
                    "The sub-orchestration " + record.instanceId() + " ended with status " + status.name());
            answer = HistoryEvents.subOrchestrationFailed(now, parent.taskScheduledId(), reason);
        }
        queue.enqueue(parent.instanceId(), parent.executionId(), answer, now, null);
    }

    /**
     * Starts the next execution of the same instance: a fresh history whose ExecutionStarted carries the new input,
     * the carried-over external events, and the external events still queued; the old execution's timers, results
     * and activities are dropped. {@code parentInfo} is the old ExecutionStarted's, so a sub-orchestration that
     * continues as new still answers its parent.
     */
    void continueAsNew(InstanceRecord record, CompleteOrchestrationAction action, ParentInstanceInfo parentInfo,
                       String customStatus, Instant turnStamp) {
        Instant now = now();
        String newExecutionId = UUID.randomUUID().toString();
        String newInput = HistoryEvents.text(action.hasResult(), action.getResult());
        instances.clearHistory(record.instanceId());
        queue.clear(record.instanceId(), record.executionId());
        instances.save(record.continuedAsNew(newExecutionId, newInput, customStatus, turnStamp, now));
        queue.enqueue(record.instanceId(), newExecutionId, HistoryEvents.executionStarted(now, record.instanceId(),
                newExecutionId, record.name(), record.version(), newInput, parentInfo, null), now, null);
        for (HistoryEvent carried : action.getCarryoverEventsList()) {
            queue.enqueue(record.instanceId(), newExecutionId, carried, now, null);
        }
    }
}
