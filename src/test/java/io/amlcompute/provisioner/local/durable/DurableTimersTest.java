package io.amlcompute.provisioner.local.durable;

import static io.amlcompute.provisioner.local.durable.DurableRig.orchestration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.durabletask.NewOrchestrationInstanceOptions;
import com.microsoft.durabletask.OrchestrationRuntimeStatus;
import com.microsoft.durabletask.Task;
import com.microsoft.durabletask.TaskCanceledException;
import io.amlcompute.provisioner.local.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Durable timers on a ManualClock: nothing fires until the test moves the clock. Timers created in an
 * orchestration's first turn exist once {@code waitForInstanceStart} returns (that turn commits them together
 * with the Running status), which is the moment these tests move the clock.
 */
@Timeout(60)
class DurableTimersTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private final ManualClock clock = new ManualClock(T0);
    private DurableRig rig;

    @BeforeEach
    void startBackend() throws Exception {
        rig = DurableRig.start(DurableBackendOptions.inMemory().withClock(clock));
    }

    @AfterEach
    void closeRig() throws Exception {
        rig.close();
    }

    @Test
    void doesNotFireATimerBeforeTheClockHasPassedItsFireAt() throws Exception {
        rig.startWorker(orchestration("TimerOrPing", ctx -> {
            Task<Void> timer = ctx.createTimer(Duration.ofMinutes(10));
            Task<Void> ping = ctx.waitForExternalEvent("ping");
            String winner = ctx.anyOf(timer, ping).await() == timer ? "timer" : "ping";
            // A turn that delivered the timer would also be stamped after its fireAt.
            ctx.complete(winner + " at " + ctx.getCurrentInstant());
        }));

        String id = rig.client().scheduleNewOrchestrationInstance("TimerOrPing");
        rig.client().waitForInstanceStart(id, DurableRig.WAIT);
        Instant atFireAt = clock.advance(Duration.ofMinutes(10));
        rig.client().raiseEvent(id, "ping");

        assertThat(rig.awaitCompletion(id).readOutputAs(String.class)).isEqualTo("ping at " + atFireAt);
    }

    @Test
    void firesATimerOnceTheClockHasPassedFireAt() throws Exception {
        rig.startWorker(orchestration("Sleep", ctx -> {
            ctx.createTimer(Duration.ofMinutes(10)).await();
            ctx.complete(ctx.getCurrentInstant().toEpochMilli());
        }));

        String id = rig.client().scheduleNewOrchestrationInstance("Sleep");
        rig.client().waitForInstanceStart(id, DurableRig.WAIT);
        Instant justPast = clock.advance(past(Duration.ofMinutes(10)));

        // Stamped after fireAt: stamped exactly at fireAt, durabletask-java 1.4.0 would arm the timer once more.
        assertThat(rig.awaitCompletion(id).readOutputAs(Long.class)).isEqualTo(justPast.toEpochMilli());
    }

    @Test
    void keepsLaterTimersOnTheClockAfterEarlierOnesFired() throws Exception {
        rig.startWorker(orchestration("Poll", ctx -> {
            List<Long> wokeAt = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ctx.createTimer(Duration.ofMinutes(1)).await();
                wokeAt.add(ctx.getCurrentInstant().toEpochMilli());
                ctx.setCustomStatus(wokeAt.size());
            }
            ctx.complete(wokeAt);
        }));

        String id = rig.client().scheduleNewOrchestrationInstance("Poll");
        rig.client().waitForInstanceStart(id, DurableRig.WAIT);
        List<Long> expected = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            int fired = i;
            expected.add(clock.advance(past(Duration.ofMinutes(1))).toEpochMilli());
            if (i < 3) {
                await().atMost(DurableRig.WAIT).until(() -> Integer.valueOf(fired).equals(
                        rig.client().getInstanceMetadata(id, true).readCustomStatusAs(Integer.class)));
            }
        }

        assertThat(rig.awaitCompletion(id).readOutputAs(List.class)).isEqualTo(expected);
    }

    @Test
    void firesTimersInFireAtOrderAsTheClockPassesThem() throws Exception {
        rig.startWorker(orchestration("ThreeTimers", ctx -> {
            Map<Task<?>, String> pending = new LinkedHashMap<>();
            for (int minutes : new int[] {3, 1, 2}) {
                pending.put(ctx.createTimer(Duration.ofMinutes(minutes)), minutes + "m");
            }
            List<String> fired = new ArrayList<>();
            while (!pending.isEmpty()) {
                Task<?> next = ctx.anyOf(new ArrayList<>(pending.keySet())).await();
                fired.add(pending.remove(next));
                ctx.setCustomStatus(fired);
            }
            ctx.complete(fired);
        }));

        String id = rig.client().scheduleNewOrchestrationInstance("ThreeTimers");
        rig.client().waitForInstanceStart(id, DurableRig.WAIT);
        clock.advance(past(Duration.ofMinutes(1)));
        await().atMost(DurableRig.WAIT).until(() -> List.of("1m").equals(
                rig.client().getInstanceMetadata(id, true).readCustomStatusAs(List.class)));
        // Both remaining timers come due at once and must arrive in fireAt order, not creation order.
        clock.advance(Duration.ofMinutes(10));

        assertThat(rig.awaitCompletion(id).readOutputAs(List.class)).containsExactly("1m", "2m", "3m");
    }

    @Test
    void endsAnExternalEventWaitWhenItsTimeoutElapsesOnTheClock() throws Exception {
        rig.startWorker(approvalWithTimeout());

        String id = rig.client().scheduleNewOrchestrationInstance("Approval");
        rig.client().waitForInstanceStart(id, DurableRig.WAIT);
        clock.advance(past(Duration.ofMinutes(5)));

        assertThat(rig.awaitCompletion(id).readOutputAs(String.class)).isEqualTo("timed out");
    }

    @Test
    void deliversAnExternalEventRaisedBeforeItsTimeout() throws Exception {
        rig.startWorker(approvalWithTimeout());

        String id = rig.client().scheduleNewOrchestrationInstance("Approval");
        rig.client().waitForInstanceStart(id, DurableRig.WAIT);
        rig.client().raiseEvent(id, "approval", "yes");

        assertThat(rig.awaitCompletion(id).readOutputAs(String.class)).isEqualTo("approved: yes");
    }

    @Test
    void startsAScheduledOrchestrationOnlyOnceTheClockHasPassedItsStartTime() throws Exception {
        rig.startWorker(
                orchestration("Now", ctx -> ctx.complete(ctx.getCurrentInstant().toEpochMilli())),
                orchestration("Marker", ctx -> ctx.complete(ctx.waitForExternalEvent("go", String.class).await())));
        Instant startTime = T0.plus(Duration.ofHours(1));

        String scheduled = rig.client().scheduleNewOrchestrationInstance("Now",
                new NewOrchestrationInstanceOptions().setStartTime(startTime));
        // A later instance run to completion by the same single worker: had the scheduled one been deliverable,
        // its older ExecutionStarted would have been dispatched first.
        String marker = rig.client().scheduleNewOrchestrationInstance("Marker");
        rig.client().waitForInstanceStart(marker, DurableRig.WAIT);
        rig.client().raiseEvent(marker, "go", "done");
        rig.awaitCompletion(marker);
        assertThat(rig.client().getInstanceMetadata(scheduled, false).getRuntimeStatus())
                .isEqualTo(OrchestrationRuntimeStatus.PENDING);

        Instant justPast = clock.advance(past(Duration.ofHours(1)));

        assertThat(rig.awaitCompletion(scheduled).readOutputAs(Long.class)).isEqualTo(justPast.toEpochMilli());
    }

    /** One millisecond more than the duration: timers fire once the clock has passed fireAt. */
    private static Duration past(Duration duration) {
        return duration.plusMillis(1);
    }

    private static DurableRig.Registration approvalWithTimeout() {
        return orchestration("Approval", ctx -> {
            try {
                ctx.complete("approved: " + ctx.waitForExternalEvent("approval", Duration.ofMinutes(5), String.class).await());
            } catch (TaskCanceledException timeout) {
                ctx.complete("timed out");
            }
        });
    }
}
