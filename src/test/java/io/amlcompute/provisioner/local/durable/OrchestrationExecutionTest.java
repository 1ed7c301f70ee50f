package io.amlcompute.provisioner.local.durable;

import static io.amlcompute.provisioner.local.durable.DurableRig.activity;
import static io.amlcompute.provisioner.local.durable.DurableRig.orchestration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.durabletask.OrchestrationMetadata;
import com.microsoft.durabletask.OrchestrationRuntimeStatus;
import com.microsoft.durabletask.RetryPolicy;
import com.microsoft.durabletask.Task;
import com.microsoft.durabletask.TaskFailedException;
import com.microsoft.durabletask.TaskOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Orchestrations run by the real 1.4.0 worker against the backend, observed through the real client. */
@Timeout(60)
class OrchestrationExecutionTest {

    private DurableRig rig;

    @BeforeEach
    void startBackend() throws Exception {
        rig = DurableRig.start(DurableBackendOptions.inMemory());
    }

    @AfterEach
    void closeRig() throws Exception {
        rig.close();
    }

    @Test
    void runsActivitiesInSequenceAndReturnsTheOrchestrationOutput() throws Exception {
        rig.startWorker(
                orchestration("Greetings", ctx -> {
                    String tokyo = ctx.callActivity("SayHello", "Tokyo", String.class).await();
                    String seattle = ctx.callActivity("SayHello", "Seattle", String.class).await();
                    String london = ctx.callActivity("SayHello", "London", String.class).await();
                    ctx.complete(String.join(", ", tokyo, seattle, london));
                }),
                activity("SayHello", ctx -> "Hello " + ctx.getInput(String.class)));

        String id = rig.client().scheduleNewOrchestrationInstance("Greetings");
        OrchestrationMetadata done = rig.awaitCompletion(id);

        assertThat(done.getRuntimeStatus()).isEqualTo(OrchestrationRuntimeStatus.COMPLETED);
        assertThat(done.readOutputAs(String.class)).isEqualTo("Hello Tokyo, Hello Seattle, Hello London");
    }

    @Test
    void fansOutToActivitiesAndFansInTheirResults() throws Exception {
        rig.startWorker(
                orchestration("SumOfSquares", ctx -> {
                    int count = ctx.getInput(Integer.class);
                    List<Task<Integer>> squares = IntStream.rangeClosed(1, count)
                            .mapToObj(n -> ctx.callActivity("Square", n, Integer.class))
                            .toList();
                    ctx.complete(ctx.allOf(squares).await().stream().mapToInt(Integer::intValue).sum());
                }),
                activity("Square", ctx -> {
                    int n = ctx.getInput(Integer.class);
                    return n * n;
                }));

        String id = rig.client().scheduleNewOrchestrationInstance("SumOfSquares", 6);

        assertThat(rig.awaitCompletion(id).readOutputAs(Integer.class)).isEqualTo(1 + 4 + 9 + 16 + 25 + 36);
    }

    @Test
    void exposesInputOutputAndCustomStatusOnlyWhenAskedFor() throws Exception {
        rig.startWorker(orchestration("Shout", ctx -> {
            ctx.setCustomStatus("shouted");
            ctx.complete(ctx.getInput(String.class).toUpperCase());
        }));

        String id = rig.client().scheduleNewOrchestrationInstance("Shout", "quiet please");
        rig.awaitCompletion(id);

        OrchestrationMetadata full = rig.client().getInstanceMetadata(id, true);
        assertThat(full.isInstanceFound()).isTrue();
        assertThat(full.getName()).isEqualTo("Shout");
        assertThat(full.readInputAs(String.class)).isEqualTo("quiet please");
        assertThat(full.readOutputAs(String.class)).isEqualTo("QUIET PLEASE");
        assertThat(full.readCustomStatusAs(String.class)).isEqualTo("shouted");
        OrchestrationMetadata bare = rig.client().getInstanceMetadata(id, false);
        assertThat(bare.getRuntimeStatus()).isEqualTo(OrchestrationRuntimeStatus.COMPLETED);
        assertThat(bare.getSerializedInput()).isEmpty();
        assertThat(bare.getSerializedOutput()).isEmpty();
        assertThat(bare.isCustomStatusFetched()).isFalse();
    }

    @Test
    void answersNotFoundForAnUnknownInstance() {
        rig.startWorker();

        assertThat(rig.client().getInstanceMetadata("never-started", true).isInstanceFound()).isFalse();
    }

    @Test
    void passesFailureDetailsOfAFailedActivityToTheOrchestrator() throws Exception {
        rig.startWorker(
                orchestration("ReportFailure", ctx -> {
                    try {
                        ctx.callActivity("Explode", null, String.class).await();
                        ctx.complete("no failure");
                    } catch (TaskFailedException e) {
                        ctx.complete(e.getErrorDetails().getErrorType() + ": " + e.getErrorDetails().getErrorMessage());
                    }
                }),
                activity("Explode", ctx -> {
                    throw new IllegalStateException("quota exceeded");
                }));

        String id = rig.client().scheduleNewOrchestrationInstance("ReportFailure");

        assertThat(rig.awaitCompletion(id).readOutputAs(String.class))
                .isEqualTo("java.lang.IllegalStateException: quota exceeded");
    }

    @Test
    void retriesAFailedActivityUnderARetryPolicyOnDurableTimers() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        // System clock: the retry waits on a real 50 ms durable timer.
        rig.startWorker(
                orchestration("Retrying", ctx -> ctx.complete(ctx.callActivity("Flaky", null,
                        new TaskOptions(new RetryPolicy(3, Duration.ofMillis(50))), String.class).await())),
                activity("Flaky", ctx -> {
                    if (attempts.incrementAndGet() == 1) {
                        throw new IllegalStateException("transient");
                    }
                    return "succeeded on attempt " + attempts.get();
                }));

        String id = rig.client().scheduleNewOrchestrationInstance("Retrying");

        assertThat(rig.awaitCompletion(id).readOutputAs(String.class)).isEqualTo("succeeded on attempt 2");
    }

    @Test
    void failsTheOrchestrationWithTheFailureDetailsOfAnUnhandledException() throws Exception {
        rig.startWorker(orchestration("Broken", ctx -> {
            throw new IllegalArgumentException("bad input");
        }));

        String id = rig.client().scheduleNewOrchestrationInstance("Broken");
        OrchestrationMetadata done = rig.awaitCompletion(id);

        assertThat(done.getRuntimeStatus()).isEqualTo(OrchestrationRuntimeStatus.FAILED);
        assertThat(done.getFailureDetails().getErrorType()).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(done.getFailureDetails().getErrorMessage()).isEqualTo("bad input");
    }

    @Test
    void continuesAsNewWithTheNewInputUntilTheLastExecutionCompletes() throws Exception {
        rig.startWorker(orchestration("CountToThree", ctx -> {
            int count = ctx.getInput(Integer.class);
            if (count < 3) {
                ctx.continueAsNew(count + 1);
                return;
            }
            ctx.complete("counted to " + count);
        }));

        String id = rig.client().scheduleNewOrchestrationInstance("CountToThree", 0);
        OrchestrationMetadata done = rig.awaitCompletion(id);

        assertThat(done.readOutputAs(String.class)).isEqualTo("counted to 3");
        assertThat(done.readInputAs(Integer.class)).isEqualTo(3);
    }

    @Test
    void carriesOverTheEventsOfTheContinueAsNewTurnIncludingTheConsumedOne() throws Exception {
        // durabletask-java 1.4.0 puts every EventRaised of the continue-as-new turn into carryoverEvents, also the
        // one the orchestrator just consumed: the next execution receives it again. The backend honours the list.
        rig.startWorker(orchestration("Collect", ctx -> {
            int round = ctx.getInput(Integer.class);
            String item = ctx.waitForExternalEvent("item", String.class).await();
            if (round < 2) {
                ctx.continueAsNew(round + 1);
                return;
            }
            ctx.complete("round " + round + " got " + item);
        }));

        String id = rig.client().scheduleNewOrchestrationInstance("Collect", 1);
        rig.client().waitForInstanceStart(id, DurableRig.WAIT);
        rig.client().raiseEvent(id, "item", "first");

        assertThat(rig.awaitCompletion(id).readOutputAs(String.class)).isEqualTo("round 2 got first");
    }

    @Test
    void deliversLaterExternalEventsToTheNextExecution() throws Exception {
        rig.startWorker(orchestration("Collect", ctx -> {
            int round = ctx.getInput(Integer.class);
            ctx.setCustomStatus("round " + round);
            String item = ctx.waitForExternalEvent("item", String.class).await();
            if (round < 2) {
                ctx.continueAsNew(round + 1, false);
                return;
            }
            ctx.complete("round " + round + " got " + item);
        }));

        String id = rig.client().scheduleNewOrchestrationInstance("Collect", 1);
        rig.client().waitForInstanceStart(id, DurableRig.WAIT);
        rig.client().raiseEvent(id, "item", "first");
        await().atMost(DurableRig.WAIT).until(() -> "round 2".equals(
                rig.client().getInstanceMetadata(id, true).readCustomStatusAs(String.class)));
        rig.client().raiseEvent(id, "item", "second");

        assertThat(rig.awaitCompletion(id).readOutputAs(String.class)).isEqualTo("round 2 got second");
    }

    @Test
    void runsSubOrchestrationsAndReturnsTheirOutputToTheParent() throws Exception {
        rig.startWorker(
                orchestration("Parent", ctx -> {
                    String child = ctx.callSubOrchestrator("Child", "from parent", ctx.getInstanceId() + "-child",
                            String.class).await();
                    ctx.complete("parent got " + child);
                }),
                orchestration("Child", ctx -> ctx.complete(
                        ctx.callActivity("SayHello", ctx.getInput(String.class), String.class).await())),
                activity("SayHello", ctx -> "Hello " + ctx.getInput(String.class)));

        String id = rig.client().scheduleNewOrchestrationInstance("Parent");

        assertThat(rig.awaitCompletion(id).readOutputAs(String.class)).isEqualTo("parent got Hello from parent");
        assertThat(rig.client().getInstanceMetadata(id + "-child", true).getRuntimeStatus())
                .isEqualTo(OrchestrationRuntimeStatus.COMPLETED);
    }

    @Test
    void failsTheParentTaskWhenASubOrchestrationFails() throws Exception {
        rig.startWorker(
                orchestration("Parent", ctx -> {
                    try {
                        ctx.callSubOrchestrator("Child", null, ctx.getInstanceId() + "-child", String.class).await();
                        ctx.complete("child succeeded");
                    } catch (TaskFailedException e) {
                        ctx.complete("child failed: " + e.getErrorDetails().getErrorMessage());
                    }
                }),
                orchestration("Child", ctx -> {
                    throw new IllegalStateException("child broke");
                }));

        String id = rig.client().scheduleNewOrchestrationInstance("Parent");

        assertThat(rig.awaitCompletion(id).readOutputAs(String.class)).isEqualTo("child failed: child broke");
    }
}
