package io.amlcompute.provisioner.local.durable;

/**
 * The work this backend has handed to workers and seen completed since it started: what the Durable Task Scheduler
 * bills and benchmarks as work items ("actions": an orchestrator turn per start, activity result or fired timer, and
 * an activity per call; learn.microsoft.com/azure/durable-task/scheduler/durable-task-scheduler-billing). Used by
 * the benchmarks' capacity model (docs/benchmarks.md).
 *
 * @param orchestratorTurns orchestrator work items completed (each replays the history once)
 * @param activityCalls     activity work items completed
 * @param timersFired       durable timers among the turns' new events
 */
public record WorkItemCounts(long orchestratorTurns, long activityCalls, long timersFired) {

    /** Turns plus activities: the work items dispatched. */
    public long workItems() {
        return orchestratorTurns + activityCalls;
    }
}
