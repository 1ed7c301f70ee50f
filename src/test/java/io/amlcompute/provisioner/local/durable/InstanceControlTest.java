package io.amlcompute.provisioner.local.durable;

import static io.amlcompute.provisioner.local.durable.DurableRig.orchestration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.durabletask.NewOrchestrationInstanceOptions;
import com.microsoft.durabletask.OrchestrationMetadata;
import com.microsoft.durabletask.OrchestrationRuntimeStatus;
import com.microsoft.durabletask.OrchestrationStatusQuery;
import com.microsoft.durabletask.OrchestrationStatusQueryResult;
import com.microsoft.durabletask.PurgeInstanceCriteria;
import io.amlcompute.provisioner.local.ManualClock;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a client does to instances: events, terminate, suspend/resume, duplicate starts, query and purge. */
@Timeout(60)
class InstanceControlTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private final ManualClock clock = new ManualClock(T0);
    private DurableRig rig;

    @BeforeEach
    void startBackendAndWorker() throws Exception {
        rig = DurableRig.start(DurableBackendOptions.inMemory().withClock(clock));
        rig.startWorker(
                orchestration("AwaitGo", ctx -> ctx.complete(
                        ctx.waitForExternalEvent("go", String.class).await() + " from " + ctx.getInput(String.class))),
                orchestration("GoTime", ctx -> {
                    ctx.waitForExternalEvent("go").await();
                    ctx.complete(ctx.getCurrentInstant().toEpochMilli());
                }),
                orchestration("Echo", ctx -> ctx.complete(ctx.getInput(String.class))));
    }

    @AfterEach
    void closeRig() throws Exception {
        rig.close();
    }

    @Test
    void deliversARaisedEventToAWaitingOrchestration() throws Exception {
        String id = rig.client().scheduleNewOrchestrationInstance("AwaitGo", "client");
        rig.client().waitForInstanceStart(id, DurableRig.WAIT);

        rig.client().raiseEvent(id, "go", "approved");

        assertThat(rig.awaitCompletion(id).readOutputAs(String.class)).isEqualTo("approved from client");
    }

    @Test
    void dropsAnEventForAnUnknownInstanceSilentlyAsTheExtensionDoes() {
        rig.client().raiseEvent("nobody", "go", "x");

        assertThat(rig.client().getInstanceMetadata("nobody", false).isInstanceFound()).isFalse();
    }

    @Test
    void refusesAnEventForAFinishedInstanceAsTheExtensionsClientThrows() throws Exception {
        String id = rig.client().scheduleNewOrchestrationInstance("AwaitGo", "client");
        rig.client().waitForInstanceStart(id, DurableRig.WAIT);
        rig.client().raiseEvent(id, "go", "approved");
        rig.awaitCompletion(id);

        assertThatThrownBy(() -> rig.client().raiseEvent(id, "go", "again"))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN);
                    assertThat(e.getStatus().getDescription()).isEqualTo("Exception was thrown by handler.");
                });
    }

    @Test
    void terminatesARunningOrchestrationWithTheGivenOutput() throws Exception {
        String id = rig.client().scheduleNewOrchestrationInstance("AwaitGo", "client");
        rig.client().waitForInstanceStart(id, DurableRig.WAIT);

        rig.client().terminate(id, "stopped by test");
        OrchestrationMetadata done = rig.awaitCompletion(id);

        assertThat(done.getRuntimeStatus()).isEqualTo(OrchestrationRuntimeStatus.TERMINATED);
        assertThat(done.readOutputAs(String.class)).isEqualTo("stopped by test");
    }

    @Test
    void holdsEventsOfASuspendedOrchestrationUntilItIsResumed() throws Exception {
        String id = rig.client().scheduleNewOrchestrationInstance("GoTime");
        rig.client().waitForInstanceStart(id, DurableRig.WAIT);

        rig.client().suspendInstance(id, "maintenance");
        assertThat(rig.client().getInstanceMetadata(id, false).getRuntimeStatus())
                .isEqualTo(OrchestrationRuntimeStatus.SUSPENDED);
        rig.client().raiseEvent(id, "go");
        Instant resumedAt = clock.advance(Duration.ofHours(1));
        rig.client().resumeInstance(id, "done");

        // Delivered while suspended, the event's turn would carry the time it was raised (T0).
        assertThat(rig.awaitCompletion(id).readOutputAs(Long.class)).isEqualTo(resumedAt.toEpochMilli());
    }

    @Test
    void refusesToStartAnIdThatIsStillRunningAndReplacesItOnceCompleted() throws Exception {
        String id = rig.client().scheduleNewOrchestrationInstance("AwaitGo", "first run", "request-42");
        rig.client().waitForInstanceStart(id, DurableRig.WAIT);

        assertThatThrownBy(() -> rig.client().scheduleNewOrchestrationInstance("AwaitGo", "second run", "request-42"))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS));
        rig.client().raiseEvent(id, "go", "ok");
        assertThat(rig.awaitCompletion(id).readOutputAs(String.class)).isEqualTo("ok from first run");

        rig.client().scheduleNewOrchestrationInstance("Echo", "replacement", "request-42");

        OrchestrationMetadata replaced = rig.awaitCompletion("request-42");
        assertThat(replaced.getName()).isEqualTo("Echo");
        assertThat(replaced.readOutputAs(String.class)).isEqualTo("replacement");
    }

    @Test
    void refusesToStartAnIdThatIsStillPending() {
        rig.client().scheduleNewOrchestrationInstance("Echo", new NewOrchestrationInstanceOptions()
                        .setInstanceId("later").setStartTime(T0.plus(Duration.ofDays(1))));

        assertThatThrownBy(() -> rig.client().scheduleNewOrchestrationInstance("Echo", "again", "later"))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS));
    }

    @Test
    void queriesInstancesByStatusAndPrefixPageByPage() throws Exception {
        for (String id : List.of("q-1", "q-2", "q-3")) {
            rig.client().scheduleNewOrchestrationInstance("Echo", id, id);
            rig.awaitCompletion(id);
        }
        rig.client().scheduleNewOrchestrationInstance("AwaitGo", "x", "q-waiting");
        rig.client().scheduleNewOrchestrationInstance("Echo", "other", "other-1");
        rig.awaitCompletion("other-1");
        rig.client().waitForInstanceStart("q-waiting", DurableRig.WAIT);

        OrchestrationStatusQuery query = new OrchestrationStatusQuery()
                .setInstanceIdPrefix("q-")
                .setRuntimeStatusList(List.of(OrchestrationRuntimeStatus.COMPLETED))
                .setFetchInputsAndOutputs(true)
                .setMaxInstanceCount(2);
        List<String> outputs = new ArrayList<>();
        OrchestrationStatusQueryResult page = rig.client().queryInstances(query);
        page.getOrchestrationState().forEach(m -> outputs.add(m.readOutputAs(String.class)));
        assertThat(page.getContinuationToken()).isNotEmpty();
        page = rig.client().queryInstances(query.setContinuationToken(page.getContinuationToken()));
        page.getOrchestrationState().forEach(m -> outputs.add(m.readOutputAs(String.class)));

        assertThat(outputs).containsExactly("q-1", "q-2", "q-3");
        assertThat(page.getContinuationToken()).isEmpty();
    }

    @Test
    void purgesAFinishedInstanceByIdButNotARunningOne() throws Exception {
        rig.client().scheduleNewOrchestrationInstance("Echo", "bye", "finished");
        rig.awaitCompletion("finished");
        rig.client().scheduleNewOrchestrationInstance("AwaitGo", "x", "running");
        rig.client().waitForInstanceStart("running", DurableRig.WAIT);

        assertThat(rig.client().purgeInstance("finished").getDeletedInstanceCount()).isEqualTo(1);
        assertThat(rig.client().purgeInstance("running").getDeletedInstanceCount()).isZero();

        assertThat(rig.client().getInstanceMetadata("finished", false).isInstanceFound()).isFalse();
        assertThat(rig.client().getInstanceMetadata("running", false).isRunning()).isTrue();
    }

    @Test
    void purgesFinishedInstancesSelectedByCreationTimeAndStatus() throws Exception {
        rig.client().scheduleNewOrchestrationInstance("Echo", "old", "old");
        rig.awaitCompletion("old");
        rig.client().scheduleNewOrchestrationInstance("AwaitGo", "x", "old-running");
        clock.advance(Duration.ofHours(2));
        rig.client().scheduleNewOrchestrationInstance("Echo", "new", "new");
        rig.awaitCompletion("new");

        int purged = rig.client().purgeInstances(new PurgeInstanceCriteria()
                .setCreatedTimeFrom(T0.minus(Duration.ofDays(1)))
                .setCreatedTimeTo(T0.plus(Duration.ofHours(1)))
                .setRuntimeStatusList(List.of(OrchestrationRuntimeStatus.COMPLETED))).getDeletedInstanceCount();

        assertThat(purged).isEqualTo(1);
        assertThat(rig.client().getInstanceMetadata("old", false).isInstanceFound()).isFalse();
        assertThat(rig.client().getInstanceMetadata("new", false).isInstanceFound()).isTrue();
        assertThat(rig.client().getInstanceMetadata("old-running", false).isInstanceFound()).isTrue();
    }
}
