package io.amlcompute.provisioner.local.durable;

import static io.amlcompute.provisioner.local.durable.DurableRig.activity;
import static io.amlcompute.provisioner.local.durable.DurableRig.orchestration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.microsoft.durabletask.DurableTaskGrpcWorker;
import io.amlcompute.provisioner.local.ManualClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing is lost when the backend or a worker goes away: state survives a restart on the same data directory,
 * and a work item a worker never completed is delivered again (at-least-once, as Durable Functions promises).
 */
@Timeout(60)
class DurabilityTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    @TempDir
    Path dataDirectory;

    private final ManualClock clock = new ManualClock(T0);
    /** The first run of "Slow" blocks here until the test is over, like a worker that hangs or dies mid-item. */
    private final CountDownLatch firstRunStarted = new CountDownLatch(1);
    private final CountDownLatch releaseFirstRun = new CountDownLatch(1);
    private final AtomicInteger slowRuns = new AtomicInteger();
    private DurableRig rig;

    @AfterEach
    void closeRig() throws Exception {
        releaseFirstRun.countDown();
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void resumesAnOrchestrationWaitingOnATimerAfterARestart() throws Exception {
        DurableBackendOptions options = onDisk();
        rig = DurableRig.start(options);
        DurableRig.Registration[] registrations = {
                orchestration("Nap", ctx -> {
                    String before = ctx.callActivity("Echo", "before", String.class).await();
                    ctx.setCustomStatus("napping");
                    ctx.createTimer(Duration.ofHours(1)).await();
                    ctx.complete(before + "+" + ctx.callActivity("Echo", "after", String.class).await());
                }),
                activity("Echo", ctx -> ctx.getInput(String.class))};
        rig.startWorker(registrations);
        String id = rig.client().scheduleNewOrchestrationInstance("Nap");
        // The status and the timer commit in the same turn.
        await().atMost(DurableRig.WAIT).until(() -> "napping".equals(
                rig.client().getInstanceMetadata(id, true).readCustomStatusAs(String.class)));

        rig.stopBackend();
        rig.restartBackend(options);
        rig.startWorker(registrations);
        clock.advance(Duration.ofHours(1).plusMillis(1));

        assertThat(rig.awaitCompletion(id).readOutputAs(String.class)).isEqualTo("before+after");
    }

    @Test
    void runsAnActivityAgainWhenTheBackendRestartedWhileItRan() throws Exception {
        DurableBackendOptions options = onDisk();
        rig = DurableRig.start(options);
        rig.startWorker(slowProvisioning());
        String id = rig.client().scheduleNewOrchestrationInstance("Provision", "cluster-a");
        assertThat(firstRunStarted.await(30, TimeUnit.SECONDS)).isTrue();

        rig.stopBackend();
        rig.restartBackend(options);
        rig.startWorker(slowProvisioning());

        assertThat(rig.awaitCompletion(id).readOutputAs(String.class)).isEqualTo("ready: cluster-a (run 2)");
        assertThat(slowRuns).hasValue(2);
    }

    @Test
    void redeliversAWorkItemToAnotherWorkerWhenItsWorkerDisconnects() throws Exception {
        rig = DurableRig.start(DurableBackendOptions.inMemory().withClock(clock));
        DurableTaskGrpcWorker first = rig.startWorker(slowProvisioning());
        String id = rig.client().scheduleNewOrchestrationInstance("Provision", "cluster-b");
        assertThat(firstRunStarted.await(30, TimeUnit.SECONDS)).isTrue();

        first.close();
        rig.startWorker(slowProvisioning());

        assertThat(rig.awaitCompletion(id).readOutputAs(String.class)).isEqualTo("ready: cluster-b (run 2)");
    }

    @Test
    void refusesASecondBackendOnTheSameTaskHubDirectory() throws Exception {
        rig = DurableRig.start(onDisk());

        assertThatThrownBy(() -> DurableTaskBackend.start(onDisk()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("already served");
    }

    private DurableBackendOptions onDisk() {
        return DurableBackendOptions.inMemory().withDataDirectory(dataDirectory).withClock(clock);
    }

    private DurableRig.Registration[] slowProvisioning() {
        return new DurableRig.Registration[] {
                orchestration("Provision", ctx -> ctx.complete(
                        ctx.callActivity("Slow", ctx.getInput(String.class), String.class).await())),
                activity("Slow", ctx -> {
                    int run = slowRuns.incrementAndGet();
                    if (run == 1) {
                        firstRunStarted.countDown();
                        awaitQuietly(releaseFirstRun);
                    }
                    return "ready: " + ctx.getInput(String.class) + " (run " + run + ")";
                })};
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
