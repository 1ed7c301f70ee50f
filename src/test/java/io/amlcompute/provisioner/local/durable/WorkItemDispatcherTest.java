package io.amlcompute.provisioner.local.durable;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.StringValue;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ActivityRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ActivityResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.GetWorkItemsRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.HistoryEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorAction;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ScheduleTaskAction;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.WorkItem;
import com.microsoft.durabletask.implementation.protobuf.TaskHubSidecarServiceGrpc;
import com.microsoft.durabletask.implementation.protobuf.TaskHubSidecarServiceGrpc.TaskHubSidecarServiceBlockingStub;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The lease rule on the wire, with the generated stub playing a worker exactly as 1.4.0 does (stream on a channel,
 * results as unary calls on the same channel): a result from a connection that does not hold the item is ignored.
 */
@Timeout(60)
class WorkItemDispatcherTest {

    private DurableRig rig;
    private ManagedChannel holder;
    private ManagedChannel stranger;

    @BeforeEach
    void start() throws Exception {
        rig = DurableRig.start(DurableBackendOptions.inMemory());
        holder = channel();
        stranger = channel();
    }

    @AfterEach
    void close() throws Exception {
        holder.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        stranger.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        rig.close();
    }

    @Test
    void takesAnActivityResultOnlyFromTheConnectionThatHoldsTheActivity() {
        TaskHubSidecarServiceBlockingStub worker = TaskHubSidecarServiceGrpc.newBlockingStub(holder);
        Iterator<WorkItem> items = worker.getWorkItems(GetWorkItemsRequest.getDefaultInstance());
        String id = rig.client().scheduleNewOrchestrationInstance("Provision");

        OrchestratorRequest firstTurn = items.next().getOrchestratorRequest();
        worker.completeOrchestratorTask(OrchestratorResponse.newBuilder()
                .setInstanceId(id)
                .addActions(OrchestratorAction.newBuilder().setId(0)
                        .setScheduleTask(ScheduleTaskAction.newBuilder().setName("Ensure")))
                .build());
        ActivityRequest activity = items.next().getActivityRequest();
        TaskHubSidecarServiceGrpc.newBlockingStub(stranger).completeActivityTask(result(id, activity, "\"stranger\""));
        worker.completeActivityTask(result(id, activity, "\"holder\""));
        OrchestratorRequest secondTurn = items.next().getOrchestratorRequest();

        assertThat(firstTurn.getNewEventsList()).extracting(HistoryEvent::getEventTypeCase).containsExactly(
                HistoryEvent.EventTypeCase.ORCHESTRATORSTARTED, HistoryEvent.EventTypeCase.EXECUTIONSTARTED);
        assertThat(activity.getName()).isEqualTo("Ensure");
        assertThat(secondTurn.getNewEventsList())
                .filteredOn(HistoryEvent::hasTaskCompleted)
                .extracting(e -> e.getTaskCompleted().getResult().getValue())
                .containsExactly("\"holder\"");
    }

    private static ActivityResponse result(String instanceId, ActivityRequest activity, String json) {
        return ActivityResponse.newBuilder()
                .setInstanceId(instanceId)
                .setTaskId(activity.getTaskId())
                .setResult(StringValue.of(json))
                .build();
    }

    private ManagedChannel channel() {
        return ManagedChannelBuilder.forAddress("127.0.0.1", rig.backend().port()).usePlaintext().build();
    }
}
