package io.amlcompute.provisioner.local.durable;

import com.google.protobuf.StringValue;
import com.google.protobuf.Timestamp;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.EventRaisedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.EventSentEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ExecutionCompletedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ExecutionStartedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.HistoryEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationInstance;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationStatus;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorCompletedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorStartedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ParentInstanceInfo;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.SubOrchestrationInstanceCompletedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.SubOrchestrationInstanceFailedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskCompletedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskFailedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskFailureDetails;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TimerFiredEvent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Builds the protocol's history events and converts its time and nullable-string types. Every event the backend
 * writes into a history or a pending message is made here, so their shape is decided in one place.
 */
final class HistoryEvents {

    /** Event id of events that do not answer an orchestrator action (DTFx uses -1 as well). */
    static final int NO_EVENT_ID = -1;

    private HistoryEvents() {
    }

    /** Milliseconds only: the 1.4.0 SDK truncates every Timestamp it reads to millis, so finer time would not round-trip. */
    static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    static Instant instant(Timestamp timestamp) {
        return millis(Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos()));
    }

    /** The protocol's nullable string: an absent StringValue is null here. */
    static String text(boolean present, StringValue value) {
        return present ? value.getValue() : null;
    }

    static HistoryEvent.Builder at(Instant at) {
        return HistoryEvent.newBuilder().setEventId(NO_EVENT_ID).setTimestamp(timestamp(at));
    }

    static HistoryEvent orchestratorStarted(Instant at) {
        return at(at).setOrchestratorStarted(OrchestratorStartedEvent.getDefaultInstance()).build();
    }

    static HistoryEvent orchestratorCompleted(Instant at) {
        return at(at).setOrchestratorCompleted(OrchestratorCompletedEvent.getDefaultInstance()).build();
    }

    static HistoryEvent executionStarted(Instant at, String instanceId, String executionId, String name,
                                         String version, String input, ParentInstanceInfo parent,
                                         Instant scheduledStart) {
        ExecutionStartedEvent.Builder started = ExecutionStartedEvent.newBuilder()
                .setName(name)
                .setOrchestrationInstance(instance(instanceId, executionId));
        if (version != null) {
            started.setVersion(StringValue.of(version));
        }
        if (input != null) {
            started.setInput(StringValue.of(input));
        }
        if (parent != null) {
            started.setParentInstance(parent);
        }
        if (scheduledStart != null) {
            started.setScheduledStartTimestamp(timestamp(scheduledStart));
        }
        return at(at).setExecutionStarted(started).build();
    }

    static HistoryEvent executionCompleted(int eventId, Instant at, OrchestrationStatus status, String result,
                                           TaskFailureDetails failure) {
        ExecutionCompletedEvent.Builder completed = ExecutionCompletedEvent.newBuilder().setOrchestrationStatus(status);
        if (result != null) {
            completed.setResult(StringValue.of(result));
        }
        if (failure != null) {
            completed.setFailureDetails(failure);
        }
        return at(at).setEventId(eventId).setExecutionCompleted(completed).build();
    }

    static HistoryEvent taskCompleted(Instant at, int taskScheduledId, String result) {
        TaskCompletedEvent.Builder completed = TaskCompletedEvent.newBuilder().setTaskScheduledId(taskScheduledId);
        if (result != null) {
            completed.setResult(StringValue.of(result));
        }
        return at(at).setTaskCompleted(completed).build();
    }

    static HistoryEvent taskFailed(Instant at, int taskScheduledId, TaskFailureDetails failure) {
        return at(at).setTaskFailed(TaskFailedEvent.newBuilder()
                .setTaskScheduledId(taskScheduledId)
                .setFailureDetails(failure)).build();
    }

    static HistoryEvent timerFired(int timerId, Timestamp fireAt) {
        return at(instant(fireAt)).setTimerFired(TimerFiredEvent.newBuilder()
                .setTimerId(timerId)
                .setFireAt(fireAt)).build();
    }

    static HistoryEvent eventSent(int eventId, Instant at, String targetInstanceId, String name, String input) {
        EventSentEvent.Builder sent = EventSentEvent.newBuilder().setInstanceId(targetInstanceId).setName(name);
        if (input != null) {
            sent.setInput(StringValue.of(input));
        }
        return at(at).setEventId(eventId).setEventSent(sent).build();
    }

    static HistoryEvent eventRaised(Instant at, String name, String input) {
        EventRaisedEvent.Builder raised = EventRaisedEvent.newBuilder().setName(name);
        if (input != null) {
            raised.setInput(StringValue.of(input));
        }
        return at(at).setEventRaised(raised).build();
    }

    static HistoryEvent subOrchestrationCompleted(Instant at, int taskScheduledId, String result) {
        SubOrchestrationInstanceCompletedEvent.Builder completed = SubOrchestrationInstanceCompletedEvent.newBuilder()
                .setTaskScheduledId(taskScheduledId);
        if (result != null) {
            completed.setResult(StringValue.of(result));
        }
        return at(at).setSubOrchestrationInstanceCompleted(completed).build();
    }

    static HistoryEvent subOrchestrationFailed(Instant at, int taskScheduledId, TaskFailureDetails failure) {
        return at(at).setSubOrchestrationInstanceFailed(SubOrchestrationInstanceFailedEvent.newBuilder()
                .setTaskScheduledId(taskScheduledId)
                .setFailureDetails(failure)).build();
    }

    static TaskFailureDetails failure(String errorType, String message) {
        return TaskFailureDetails.newBuilder().setErrorType(errorType).setErrorMessage(message).build();
    }

    static OrchestrationInstance instance(String instanceId, String executionId) {
        return OrchestrationInstance.newBuilder()
                .setInstanceId(instanceId)
                .setExecutionId(StringValue.of(executionId))
                .build();
    }
}
