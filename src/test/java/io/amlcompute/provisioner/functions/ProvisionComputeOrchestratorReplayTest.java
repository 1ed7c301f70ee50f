package io.amlcompute.provisioner.functions;

import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationStatus;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorAction;
import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.contract.event.ComputeEvent;
import io.amlcompute.provisioner.contract.event.Drift;
import io.amlcompute.provisioner.contract.event.EventType;
import io.amlcompute.provisioner.contract.event.Outcome;
import io.amlcompute.provisioner.contract.validation.MessageEnvelope;
import io.amlcompute.provisioner.contract.validation.ParseResult;
import io.amlcompute.provisioner.contract.validation.RequestDefaults;
import io.amlcompute.provisioner.contract.validation.RequestParser;
import io.amlcompute.provisioner.contract.validation.RequestWriter;
import io.amlcompute.provisioner.contract.validation.Samples;
import io.amlcompute.provisioner.provisioning.ActionResult;
import io.amlcompute.provisioner.provisioning.PollingPolicy;
import io.amlcompute.provisioner.provisioning.ProvisioningInput;
import io.amlcompute.provisioner.provisioning.StatusRead;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every request path through the real orchestrator and the real durabletask replay engine, on hand-built
 * histories. Each path must end in exactly one PublishCompletion and a completed orchestration whose output is
 * that event; each turn replays to the same actions; no timer is longer than 3 days; the deadline holds.
 */
class ProvisionComputeOrchestratorReplayTest {

    private static final Instant START = Instant.parse("2026-11-29T10:00:00Z");

    @Test
    void createdClusterBecomesReadyOnceSteady() throws Exception {
        Run run = new Script().act(done(Outcome.CREATED, "Creating", null, null))
                .read(found("Creating", null, null), found("Succeeded", "Resizing", 0), found("Succeeded", "Steady", 0))
                .run("ensure-amlcompute.json");

        run.assertOneEvent(EventType.READY, Outcome.CREATED);
        assertThat(run.event.data().polls()).isEqualTo(3);
        assertThat(run.event.data().status().allocationState()).isEqualTo("Steady");
    }

    @Test
    void existingClusterIsReadyAtOnceWithDrift() throws Exception {
        Run run = new Script().act(new ActionResult.Done(Outcome.EXISTING, List.of(new Drift("maxNodes", "4", "2")),
                status("Succeeded", "Steady", 0))).run("ensure-amlcompute.json");

        run.assertOneEvent(EventType.READY, Outcome.EXISTING);
        assertThat(run.event.data().drift()).containsExactly(new Drift("maxNodes", "4", "2"));
        assertThat(run.driver.timerLengths()).isEmpty();
    }

    @Test
    void reconciledClusterIsReadyAfterTheUpdate() throws Exception {
        Run run = new Script().act(new ActionResult.Done(Outcome.RECONCILED, List.of(new Drift("maxNodes", "4", "8")),
                        status("Updating", "Steady", 0)))
                .read(found("Succeeded", "Steady", 0)).run("ensure-amlcompute.json");

        run.assertOneEvent(EventType.READY, Outcome.RECONCILED);
    }

    @Test
    void attachedDatabricksIsReadyWhenSucceeded() throws Exception {
        Run run = new Script().act(done(Outcome.ATTACHED, "Creating", null, null))
                .read(found("Succeeded", null, null)).run("attach-databricks.json");

        run.assertOneEvent(EventType.READY, Outcome.ATTACHED);
    }

    @Test
    void provisioningFailureEndsInAFailedEvent() throws Exception {
        Run run = new Script().act(done(Outcome.CREATED, "Creating", null, null))
                .read(new StatusRead.Found(new ComputeStatus("Failed", null, null, List.of(
                        ComputeStatus.ErrorInfo.of("NodeSetupFailed", "node setup failed")))))
                .run("ensure-amlcompute.json");

        run.assertOneEvent(EventType.FAILED, Outcome.CREATED);
        assertThat(run.event.data().errors()).extracting(ComputeStatus.ErrorInfo::code).contains("NodeSetupFailed");
    }

    @Test
    void quotaFailureEndsInAFailedEventWithTheQuotaError() throws Exception {
        Run run = new Script().act(done(Outcome.CREATED, "Creating", null, null))
                .read(new StatusRead.Found(new ComputeStatus("Failed", null, null, List.of(ComputeStatus.ErrorInfo.of(
                        "QuotaExceeded", "Operation results in exceeding quota limits of Core.")))))
                .run("ensure-amlcompute.json");

        run.assertOneEvent(EventType.FAILED, Outcome.CREATED);
        assertThat(run.event.data().errors()).extracting(ComputeStatus.ErrorInfo::code).contains("QuotaExceeded");
    }

    @Test
    void conflictFailsFastWithoutPolling() throws Exception {
        Run run = new Script().act(new ActionResult.Failed(null, List.of(ComputeStatus.ErrorInfo.of(
                "ComputeConflict", "exists as a Databricks compute")))).run("ensure-amlcompute.json");

        run.assertOneEvent(EventType.FAILED, null);
        assertThat(run.driver.scheduledActivities()).doesNotContain(ReadComputeStatus.NAME);
    }

    @Test
    void computeThatNeverGetsReadyTimesOutAtTheDeadline() throws Exception {
        Run run = new Script().act(done(Outcome.CREATED, "Creating", null, null))
                .read(found("Succeeded", "Resizing", 0)).run("ensure-amlcompute.json");

        run.assertOneEvent(EventType.TIMED_OUT, Outcome.CREATED);
        Instant deadline = START.plus(Duration.ofMinutes(30));
        assertThat(run.event.data().timings().completedAt()).isAfterOrEqualTo(deadline)
                .isBefore(deadline.plusSeconds(5));
        assertThat(run.event.data().status().allocationState()).isEqualTo("Resizing");
    }

    @Test
    void throttledThenReadyHonoursRetryAfter() throws Exception {
        Run run = new Script().act(new ActionResult.Wait(ActionResult.WaitReason.THROTTLED,
                        "SubscriptionRequestsThrottled", "429", Duration.ofSeconds(40)),
                done(Outcome.CREATED, "Succeeded", "Steady", 0)).run("ensure-amlcompute.json");

        run.assertOneEvent(EventType.READY, Outcome.CREATED);
        assertThat(run.driver.timerLengths()).containsExactly(Duration.ofSeconds(40));
    }

    @Test
    void transientThenReadyRetriesTheStep() throws Exception {
        Run run = new Script().act(new ActionResult.Wait(ActionResult.WaitReason.TRANSIENT, "ServiceUnavailable",
                        "503", null), done(Outcome.CREATED, "Creating", null, null))
                .read(new StatusRead.Wait(ActionResult.WaitReason.TRANSIENT, "InternalServerError", "500", null),
                        found("Succeeded", "Steady", 0)).run("ensure-amlcompute.json");

        run.assertOneEvent(EventType.READY, Outcome.CREATED);
        assertThat(run.driver.scheduledActivities()).filteredOn(PerformComputeAction.NAME::equals).hasSize(2);
    }

    @Test
    void crashedActivityIsRetriedByTheDurableRetryPolicy() throws Exception {
        Run run = new Script().act(new IllegalStateException("worker crashed"),
                done(Outcome.CREATED, "Succeeded", "Steady", 0)).run("ensure-amlcompute.json");

        run.assertOneEvent(EventType.READY, Outcome.CREATED);
        assertThat(run.driver.scheduledActivities()).filteredOn(PerformComputeAction.NAME::equals).hasSize(2);
    }

    @Test
    void activityThatKeepsCrashingEndsInAFailedEvent() throws Exception {
        Run run = new Script().act(new IllegalStateException("worker crashed")).run("ensure-amlcompute.json");

        run.assertOneEvent(EventType.FAILED, null);
        assertThat(run.event.data().errors()).extracting(ComputeStatus.ErrorInfo::code).containsExactly("StepFailed");
        assertThat(run.driver.scheduledActivities()).filteredOn(PerformComputeAction.NAME::equals).hasSize(3);
    }

    @Test
    void deleteEndsWhenTheClusterIsGone() throws Exception {
        Run run = new Script().act(done(Outcome.DELETED, "Deleting", null, null))
                .read(found("Deleting", null, null), new StatusRead.Missing()).run("delete-amlcompute.json");

        run.assertOneEvent(EventType.DELETED, Outcome.DELETED);
    }

    @Test
    void detachEndsWhenTheComputeIsGone() throws Exception {
        Run run = new Script().act(done(Outcome.DETACHED, "Deleting", null, null))
                .read(new StatusRead.Missing()).run("detach-databricks.json");

        run.assertOneEvent(EventType.DETACHED, Outcome.DETACHED);
    }

    @Test
    void longDeadlinesNeverNeedATimerOverThreeDays() throws Exception {
        String body = Samples.with("ensure-amlcompute.json", "/options/timeout", "\"P7D\"");
        Run run = new Script().act(new ActionResult.Wait(ActionResult.WaitReason.THROTTLED, "Throttled", "429",
                        Duration.ofDays(5)), done(Outcome.CREATED, "Succeeded", "Steady", 0))
                .runBody(body);

        run.assertOneEvent(EventType.READY, Outcome.CREATED);
        assertThat(run.driver.timerLengths()).isNotEmpty()
                .allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(PollingPolicy.MAX_TIMER));
    }

    @Test
    void progressIsPublishedAsCustomStatusWithIsoTimes() throws Exception {
        Run run = new Script().act(done(Outcome.CREATED, "Creating", null, null))
                .read(found("Succeeded", "Steady", 0)).run("ensure-amlcompute.json");

        assertThat(run.driver.customStatuses).anySatisfy(status -> {
            var progress = Json.MAPPER.readTree(status);
            assertThat(progress.path("phase").asText()).isEqualTo("WAITING");
            assertThat(progress.path("provisioningState").asText()).isEqualTo("Creating");
            assertThat(Instant.parse(progress.path("nextPollAt").asText())).isAfter(START);
        });
    }

    /** Scripted activity answers: the last act/read result repeats; publishes are recorded. */
    static final class Script {
        private final Deque<Object> acts = new ArrayDeque<>();
        private final Deque<Object> reads = new ArrayDeque<>();
        private final List<String> published = new ArrayList<>();

        Script act(Object... results) {
            acts.addAll(List.of(results));
            return this;
        }

        Script read(Object... results) {
            reads.addAll(List.of(results));
            return this;
        }

        Run run(String sample) throws Exception {
            return runBody(Samples.text(sample));
        }

        Run runBody(String body) throws Exception {
            ParseResult.Parsed parsed = (ParseResult.Parsed) new RequestParser(RequestDefaults.standard())
                    .parse(body, MessageEnvelope.NONE);
            ProvisioningInput input = new ProvisioningInput(RequestWriter.toJson(parsed.request()), null, null);
            BiFunction<String, String, Object> activities = (name, in) -> switch (name) {
                case PerformComputeAction.NAME -> answer(acts);
                case ReadComputeStatus.NAME -> answer(reads);
                case PublishCompletion.NAME -> {
                    published.add(in);
                    yield "published";
                }
                default -> throw new AssertionError("unknown activity " + name);
            };
            ReplayDriver driver = new ReplayDriver(parsed.request().requestId(), START, activities);
            OrchestratorAction completion = driver.run(input);
            return new Run(driver, completion, published);
        }

        private static Object answer(Deque<Object> queue) {
            Object next = queue.size() > 1 ? queue.poll() : queue.peek();
            if (next == null) {
                throw new AssertionError("no scripted answer left");
            }
            if (next instanceof RuntimeException e) {
                throw e;
            }
            return next;
        }
    }

    record Run(ReplayDriver driver, OrchestratorAction completion, List<String> published, ComputeEvent event) {
        Run(ReplayDriver driver, OrchestratorAction completion, List<String> published) {
            this(driver, completion, published, published.isEmpty() ? null : eventOf(published.get(0)));
        }

        void assertOneEvent(EventType type, Outcome outcome) throws Exception {
            assertThat(published).hasSize(1);
            assertThat(driver.scheduledActivities()).filteredOn(PublishCompletion.NAME::equals).hasSize(1);
            assertThat(completion.getCompleteOrchestration().getOrchestrationStatus())
                    .isEqualTo(OrchestrationStatus.ORCHESTRATION_STATUS_COMPLETED);
            // The orchestrator returns the event as a JSON object: the orchestration's output is that JSON.
            String output = completion.getCompleteOrchestration().getResult().getValue();
            assertThat(Json.MAPPER.readValue(output, ComputeEvent.class)).isEqualTo(event);
            assertThat(event.type()).isEqualTo(type);
            assertThat(event.data().outcome()).isEqualTo(outcome);
            assertThat(driver.timerLengths()).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(PollingPolicy.MAX_TIMER));
        }

        private static ComputeEvent eventOf(String publishInput) {
            try {
                PublishCompletion.Input input = Json.MAPPER.readValue(publishInput, PublishCompletion.Input.class);
                return Json.MAPPER.treeToValue(input.event(), ComputeEvent.class);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    private static ActionResult.Done done(Outcome outcome, String state, String allocation, Integer nodes) {
        return new ActionResult.Done(outcome, List.of(), status(state, allocation, nodes));
    }

    private static StatusRead found(String state, String allocation, Integer nodes) {
        return new StatusRead.Found(status(state, allocation, nodes));
    }

    private static ComputeStatus status(String state, String allocation, Integer nodes) {
        return new ComputeStatus(state, allocation,
                nodes == null ? null : new ComputeStatus.NodeCounts(nodes, nodes, nodes, 0, 0, 0, 0, 0), List.of());
    }
}
