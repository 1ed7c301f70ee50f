package io.amlcompute.provisioner.local.durable;

import static io.amlcompute.provisioner.local.durable.DurableRig.activity;
import static io.amlcompute.provisioner.local.durable.DurableRig.orchestration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.StringValue;
import com.microsoft.durabletask.OrchestrationMetadata;
import com.microsoft.durabletask.OrchestrationRunner;
import com.microsoft.durabletask.OrchestrationRuntimeStatus;
import com.microsoft.durabletask.RetryPolicy;
import com.microsoft.durabletask.Task;
import com.microsoft.durabletask.TaskOptions;
import com.microsoft.durabletask.TaskOrchestration;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ActivityRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ActivityResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.GetWorkItemsRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.HistoryEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskFailureDetails;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.WorkItem;
import com.microsoft.durabletask.implementation.protobuf.TaskHubSidecarServiceGrpc;
import com.microsoft.durabletask.implementation.protobuf.TaskHubSidecarServiceGrpc.TaskHubSidecarServiceBlockingStub;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How ready messages become a turn: every message deliverable when the turn is prepared goes into it, in the order
 * the messages arrived, as the Azure Storage and MSSQL providers batch an instance's messages into one work item
 * (sources in docs/local/durable-backend.md). Pinned with the orchestration that makes the rule visible under
 * durabletask-java 1.4.0: {@code anyOf} over two activities with a retry policy, where the winner completes and the
 * loser fails. Whether it completes or breaks depends only on whether both results share a turn, in Azure as here.
 */
@Timeout(60)
class OrchestratorTurnsTest {

    private static final String FIRST_OF_TWO = "FirstOfTwo";
    private static final TaskOptions RETRIES = new TaskOptions(new RetryPolicy(3, Duration.ofMillis(50)));
    private static final TaskOrchestration FIRST_OF_TWO_BODY = ctx -> {
        Task<String> quick = ctx.callActivity("Quick", null, RETRIES, String.class);
        Task<String> flaky = ctx.callActivity("Flaky", null, RETRIES, String.class);
        Task<?> first = ctx.anyOf(quick, flaky).await();
        ctx.complete("first: " + first.await());
    };
    /** 1.4.0's Helpers.throwIfOrchestratorComplete. */
    private static final String ALREADY_COMPLETED = "The orchestrator has already completed";

    private final AtomicInteger quickRuns = new AtomicInteger();
    private final AtomicInteger flakyRuns = new AtomicInteger();
    private final CountDownLatch releaseFlaky = new CountDownLatch(1);
    private DurableRig rig;
    private ManagedChannel hostChannel;

    @BeforeEach
    void startBackend() throws Exception {
        rig = DurableRig.start(DurableBackendOptions.inMemory());
    }

    @AfterEach
    void closeRig() throws Exception {
        releaseFlaky.countDown();
        if (hostChannel != null) {
            hostChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        rig.close();
    }

    /**
     * The test plays the Functions host on the wire (one stream, one item at a time) and runs each turn as the
     * Java worker's OrchestrationMiddleware does, through {@link OrchestrationRunner#loadAndRun}.
     */
    @Test
    void deliversResultsThatAreReadyTogetherInOneTurnInTheOrderTheyArrived() {
        hostChannel = ManagedChannelBuilder.forAddress("127.0.0.1", rig.backend().port()).usePlaintext().build();
        TaskHubSidecarServiceBlockingStub host = TaskHubSidecarServiceGrpc.newBlockingStub(hostChannel);
        Iterator<WorkItem> items = host.getWorkItems(GetWorkItemsRequest.getDefaultInstance());
        String id = rig.client().scheduleNewOrchestrationInstance(FIRST_OF_TWO);

        host.completeOrchestratorTask(runTurn(items.next().getOrchestratorRequest()));
        ActivityRequest quick = items.next().getActivityRequest();
        host.completeActivityTask(ActivityResponse.newBuilder().setInstanceId(id).setTaskId(quick.getTaskId())
                .setResult(StringValue.of("\"quick\"")).build());
        ActivityRequest flaky = items.next().getActivityRequest();
        host.completeActivityTask(ActivityResponse.newBuilder().setInstanceId(id).setTaskId(flaky.getTaskId())
                .setFailureDetails(TaskFailureDetails.newBuilder().setErrorType("java.lang.IllegalStateException")
                        .setErrorMessage("transient")).build());
        OrchestratorRequest turn = items.next().getOrchestratorRequest();

        assertThat(quick.getName()).isEqualTo("Quick");
        assertThat(flaky.getName()).isEqualTo("Flaky");
        assertThat(turn.getNewEventsList()).extracting(HistoryEvent::getEventTypeCase).containsExactly(
                HistoryEvent.EventTypeCase.ORCHESTRATORSTARTED,
                HistoryEvent.EventTypeCase.TASKCOMPLETED,
                HistoryEvent.EventTypeCase.TASKFAILED);
        assertThat(turn.getNewEvents(1).getTaskCompleted().getTaskScheduledId()).isEqualTo(quick.getTaskId());
        assertThat(turn.getNewEvents(2).getTaskFailed().getTaskScheduledId()).isEqualTo(flaky.getTaskId());
        // What 1.4.0 makes of that turn (in Azure the Durable extension then fails the orchestration).
        assertThatThrownBy(() -> runTurn(turn)).isInstanceOf(IllegalStateException.class).hasMessage(ALREADY_COMPLETED);
    }

    @Test
    void anyOfOverRetriedActivitiesEndsThe140WorkerThreadWhenTheLosersFailureSharesTheWinnersTurn() throws Exception {
        // One worker stream: it runs Quick, then Flaky (scheduled activities go before turns), then the turn that
        // carries both results.
        DurableRig.WorkerThread worker = rig.startWorkerThread(
                orchestration(FIRST_OF_TWO, FIRST_OF_TWO_BODY),
                activity("Quick", ctx -> "quick " + quickRuns.incrementAndGet()),
                activity("Flaky", ctx -> {
                    flakyRuns.incrementAndGet();
                    throw new IllegalStateException("transient");
                }));

        String id = rig.client().scheduleNewOrchestrationInstance(FIRST_OF_TWO);
        assertThat(worker.ended()).succeedsWithin(DurableRig.WAIT)
                .asInstanceOf(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(IllegalStateException.class).hasMessage(ALREADY_COMPLETED);
        assertThat(quickRuns).hasValue(1);
        assertThat(flakyRuns).hasValue(1);
        // The turn was never answered: it stays with the dead worker's open stream until that worker closes.
        assertThat(rig.client().getInstanceMetadata(id, false).getRuntimeStatus())
                .isEqualTo(OrchestrationRuntimeStatus.RUNNING);
    }

    @Test
    void anyOfOverRetriedActivitiesCompletesWhenTheLosersFailureArrivesAfterTheOrchestrationEnded() throws Exception {
        // Two worker streams: Flaky holds one until the orchestration has finished on the other.
        DurableRig.Registration[] registrations = {
                orchestration(FIRST_OF_TWO, FIRST_OF_TWO_BODY),
                activity("Quick", ctx -> "quick " + quickRuns.incrementAndGet()),
                activity("Flaky", ctx -> {
                    flakyRuns.incrementAndGet();
                    awaitRelease();
                    throw new IllegalStateException("transient");
                })};
        rig.startWorker(registrations);
        rig.startWorker(registrations);

        String id = rig.client().scheduleNewOrchestrationInstance(FIRST_OF_TWO);
        OrchestrationMetadata done = rig.awaitCompletion(id);
        releaseFlaky.countDown();

        assertThat(done.getRuntimeStatus()).isEqualTo(OrchestrationRuntimeStatus.COMPLETED);
        assertThat(done.readOutputAs(String.class)).isEqualTo("first: quick 1");
        // The late failure reaches a finished instance and is dropped: no retry, nothing changes.
        await().during(Duration.ofMillis(500)).atMost(DurableRig.WAIT).until(() -> flakyRuns.get() == 1
                && rig.client().getInstanceMetadata(id, true).readOutputAs(String.class).equals("first: quick 1"));
    }

    private void awaitRelease() {
        try {
            if (!releaseFlaky.await(DurableRig.WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("Flaky was never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static OrchestratorResponse runTurn(OrchestratorRequest request) {
        try {
            return OrchestratorResponse.parseFrom(OrchestrationRunner.loadAndRun(request.toByteArray(), FIRST_OF_TWO_BODY));
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("the executor answered no OrchestratorResponse", e);
        }
    }
}
