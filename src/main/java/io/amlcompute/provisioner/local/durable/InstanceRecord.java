package io.amlcompute.provisioner.local.durable;

import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationStatus;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskFailureDetails;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One orchestration instance as the store keeps it: the current execution only (continue-as-new starts a new
 * execution id on the same instance id). Nullable: version, input, output, customStatus, failure, lastTurnAt, parent.
 *
 * @param lastTurnAt the timestamp of the last committed turn's OrchestratorStarted; the next turn is never stamped
 *                   earlier, so {@code getCurrentInstant()} never runs backwards, not even across a restart
 */
record InstanceRecord(
        String instanceId,
        String executionId,
        String name,
        String version,
        OrchestrationStatus status,
        String input,
        String output,
        String customStatus,
        TaskFailureDetails failure,
        Instant createdAt,
        Instant lastUpdatedAt,
        Instant lastTurnAt,
        ParentLink parent) {

    /** Completed, Failed, Terminated, Canceled: the statuses the SDK's {@code isCompleted()} and the purge API treat as final. */
    static final Set<OrchestrationStatus> FINAL_STATUSES = Collections.unmodifiableSet(EnumSet.of(
            OrchestrationStatus.ORCHESTRATION_STATUS_COMPLETED,
            OrchestrationStatus.ORCHESTRATION_STATUS_FAILED,
            OrchestrationStatus.ORCHESTRATION_STATUS_TERMINATED,
            OrchestrationStatus.ORCHESTRATION_STATUS_CANCELED));

    /** The orchestration that started this one as a sub-orchestration, and the action id it waits on. */
    record ParentLink(String instanceId, String executionId, int taskScheduledId) {
        ParentLink {
            Objects.requireNonNull(instanceId, "instanceId");
            Objects.requireNonNull(executionId, "executionId");
        }
    }

    InstanceRecord {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastUpdatedAt, "lastUpdatedAt");
    }

    /** A new execution waiting for its first turn. */
    static InstanceRecord pending(String instanceId, String executionId, String name, String version, String input,
                                  Instant now, ParentLink parent) {
        return new InstanceRecord(instanceId, executionId, name, version, OrchestrationStatus.ORCHESTRATION_STATUS_PENDING,
                input, null, null, null, now, now, null, parent);
    }

    boolean isFinal() {
        return FINAL_STATUSES.contains(status);
    }

    boolean isSuspended() {
        return status == OrchestrationStatus.ORCHESTRATION_STATUS_SUSPENDED;
    }

    /** After a turn that did not end the execution: Running, unless a client suspended it while the turn ran. */
    InstanceRecord afterTurn(String newCustomStatus, Instant turnStamp, Instant now) {
        OrchestrationStatus next = isSuspended() ? status : OrchestrationStatus.ORCHESTRATION_STATUS_RUNNING;
        return new InstanceRecord(instanceId, executionId, name, version, next, input, output, newCustomStatus,
                failure, createdAt, now, turnStamp, parent);
    }

    InstanceRecord finished(OrchestrationStatus finalStatus, String newOutput, TaskFailureDetails newFailure,
                            String newCustomStatus, Instant turnStamp, Instant now) {
        return new InstanceRecord(instanceId, executionId, name, version, finalStatus, input, newOutput,
                newCustomStatus, newFailure, createdAt, now, turnStamp, parent);
    }

    /** Continue-as-new keeps the instance id and parent; the input is the new one, the output is cleared. */
    InstanceRecord continuedAsNew(String newExecutionId, String newInput, String newCustomStatus, Instant turnStamp,
                                  Instant now) {
        OrchestrationStatus next = isSuspended() ? status : OrchestrationStatus.ORCHESTRATION_STATUS_RUNNING;
        return new InstanceRecord(instanceId, newExecutionId, name, version, next, newInput, null, newCustomStatus,
                null, createdAt, now, turnStamp, parent);
    }

    /** Resuming returns to Running, or to Pending when no turn ever ran. */
    InstanceRecord resumed(Instant now) {
        OrchestrationStatus next = lastTurnAt == null
                ? OrchestrationStatus.ORCHESTRATION_STATUS_PENDING
                : OrchestrationStatus.ORCHESTRATION_STATUS_RUNNING;
        return withStatus(next, now);
    }

    InstanceRecord withStatus(OrchestrationStatus newStatus, Instant now) {
        return new InstanceRecord(instanceId, executionId, name, version, newStatus, input, output, customStatus,
                failure, createdAt, now, lastTurnAt, parent);
    }
}
