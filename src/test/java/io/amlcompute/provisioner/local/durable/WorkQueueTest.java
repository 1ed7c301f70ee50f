package io.amlcompute.provisioner.local.durable;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which instances have a turn to give, and in which order. */
class WorkQueueTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    private HubDatabase database;
    private InstanceStore instances;
    private WorkQueue queue;

    @BeforeEach
    void open() throws Exception {
        database = HubDatabase.open(null, "Hub");
        instances = new InstanceStore(database);
        queue = new WorkQueue(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void offersEachReadyInstanceOnceInTheOrderOfItsOldestDeliverableMessage() {
        running("a");
        running("b");
        running("c");
        raise("b");
        raise("a");
        raise("b");
        raise("c");
        raise("a");

        assertThat(queue.readyInstances(NOW, 10)).containsExactly("b", "a", "c");
        assertThat(queue.readyInstances(NOW, 2)).containsExactly("b", "a");
    }

    @Test
    void leavesOutTimersNotYetDueOtherExecutionsFinishedInstancesAndPendingOnesWithoutTheirStart() {
        running("timer");
        queue.enqueue("timer", "e-timer", HistoryEvents.eventRaised(NOW, "due later", null), NOW, NOW.plusSeconds(5));
        running("old-execution");
        queue.enqueue("old-execution", "e-previous", HistoryEvents.eventRaised(NOW, "stale", null), NOW, null);
        instances.save(InstanceRecord.pending("done", "e-done", "Orchestration", null, null, NOW, null)
                .finished(com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationStatus
                        .ORCHESTRATION_STATUS_COMPLETED, null, null, null, NOW, NOW));
        queue.enqueue("done", "e-done", HistoryEvents.eventRaised(NOW, "late", null), NOW, null);
        instances.save(InstanceRecord.pending("scheduled", "e-scheduled", "Orchestration", null, null, NOW, null));
        queue.enqueue("scheduled", "e-scheduled", HistoryEvents.executionStarted(NOW, "scheduled", "e-scheduled",
                "Orchestration", null, null, null, NOW.plusSeconds(5)), NOW, NOW.plusSeconds(5));
        queue.enqueue("scheduled", null, HistoryEvents.eventRaised(NOW, "early", null), NOW, null);
        running("ready");
        raise("ready");

        assertThat(queue.readyInstances(NOW, 10)).containsExactly("ready");
        assertThat(queue.readyInstances(NOW.plusSeconds(6), 10)).containsExactly("timer", "scheduled", "ready");
    }

    private void running(String instanceId) {
        instances.save(InstanceRecord.pending(instanceId, "e-" + instanceId, "Orchestration", null, null, NOW, null)
                .afterTurn(null, NOW, NOW));
    }

    private void raise(String instanceId) {
        queue.enqueue(instanceId, null, HistoryEvents.eventRaised(NOW, "go", null), NOW, null);
    }
}
