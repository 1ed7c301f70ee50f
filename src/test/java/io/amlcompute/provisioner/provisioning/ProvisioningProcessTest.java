package io.amlcompute.provisioner.provisioning;

import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.contract.InstanceStatus;
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
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The process's decisions with scripted step results on virtual time. */
class ProvisioningProcessTest {

    private static final Instant START = Instant.parse("2026-11-29T10:00:00Z");
    private final ProvisioningProcess process = new ProvisioningProcess(PollingPolicy.standard());

    @Test
    void createdClusterIsReadyOnceSteadyAndPublishesOneReadyEvent() {
        ScriptedSteps steps = new ScriptedSteps(START)
                .acting(done(Outcome.CREATED, status("Creating", null, null)))
                .reading(found(status("Creating", null, null)), found(status("Succeeded", "Resizing", 0)),
                        found(status("Succeeded", "Steady", 0)));

        ComputeEvent event = process.run(input("ensure-amlcompute.json"), steps, 7);

        assertThat(event.type()).isEqualTo(EventType.READY);
        assertThat(event.data().outcome()).isEqualTo(Outcome.CREATED);
        assertThat(event.data().status().allocationState()).isEqualTo("Steady");
        assertThat(event.data().polls()).isEqualTo(3);
        assertThat(steps.published).containsExactly(event);
        assertThat(steps.sleeps.get(0)).as("the first read waits for the likely window").isGreaterThan(Duration.ofSeconds(40));
        assertThat(steps.sleeps.subList(1, steps.sleeps.size()))
                .allSatisfy(d -> assertThat(d).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(40)));
        assertThat(steps.observations).singleElement().satisfies(o -> {
            assertThat(o.key()).isEqualTo("ensure/AmlCompute/standard_ds3_v2/Dedicated");
            assertThat(o.elapsed()).isEqualTo(event.data().timings().elapsed());
        });
    }

    @Test
    void plansItsReadsWithTheExpectationTheActionStepLearned() {
        ExpectedDuration learned = new ExpectedDuration(Duration.ofSeconds(20), 0.2);
        ScriptedSteps steps = new ScriptedSteps(START)
                .acting(new ActionResult.Done(Outcome.CREATED, List.of(), status("Creating", null, null), learned))
                .reading(found(status("Succeeded", "Steady", 0)));

        process.run(input("ensure-amlcompute.json"), steps, 7);

        assertThat(steps.sleeps.get(0)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void existingSteadyClusterIsReadyWithoutASingleStatusRead() {
        List<Drift> drift = List.of(new Drift("maxNodes", "4", "2"));
        ScriptedSteps steps = new ScriptedSteps(START)
                .acting(new ActionResult.Done(Outcome.EXISTING, drift, status("Succeeded", "Steady", 0)));

        ComputeEvent event = process.run(input("ensure-amlcompute.json"), steps, 7);

        assertThat(event.type()).isEqualTo(EventType.READY);
        assertThat(event.data().outcome()).isEqualTo(Outcome.EXISTING);
        assertThat(event.data().drift()).isEqualTo(drift);
        assertThat(steps.reads).isZero();
        assertThat(steps.sleeps).isEmpty();
        assertThat(steps.observations).as("nothing was provisioned, so nothing to learn").isEmpty();
    }

    @Test
    void provisioningFailureBecomesAFailedEventWithTheArmErrors() {
        ComputeStatus quota = new ComputeStatus("Failed", null, null, List.of(ComputeStatus.ErrorInfo.of(
                "QuotaExceeded", "Operation results in exceeding quota limits of Core.")));
        ScriptedSteps steps = new ScriptedSteps(START)
                .acting(done(Outcome.CREATED, status("Creating", null, null)))
                .reading(found(quota));

        ComputeEvent event = process.run(input("ensure-amlcompute.json"), steps, 7);

        assertThat(event.type()).isEqualTo(EventType.FAILED);
        assertThat(event.data().outcome()).isEqualTo(Outcome.CREATED);
        assertThat(event.data().errors()).extracting(ComputeStatus.ErrorInfo::code).contains("QuotaExceeded");
    }

    @Test
    void refusedActionBecomesAFailedEventWithoutPolling() {
        ScriptedSteps steps = new ScriptedSteps(START).acting(new ActionResult.Failed(null,
                List.of(ComputeStatus.ErrorInfo.of("ComputeConflict", "exists as Databricks"))));

        ComputeEvent event = process.run(input("ensure-amlcompute.json"), steps, 7);

        assertThat(event.type()).isEqualTo(EventType.FAILED);
        assertThat(event.data().outcome()).isNull();
        assertThat(steps.reads).isZero();
    }

    @Test
    void neverWaitsPastTheDeadlineAndReportsTheLastStatusSeen() {
        ScriptedSteps steps = new ScriptedSteps(START)
                .acting(done(Outcome.CREATED, status("Creating", null, null)))
                .reading(found(status("Succeeded", "Resizing", 0)));

        ComputeEvent event = process.run(input("ensure-amlcompute.json"), steps, 7);

        assertThat(event.type()).isEqualTo(EventType.TIMED_OUT);
        assertThat(event.data().status().allocationState()).isEqualTo("Resizing");
        assertThat(event.data().errors()).extracting(ComputeStatus.ErrorInfo::code).containsExactly("DeadlineExceeded");
        assertThat(steps.now()).isEqualTo(START.plus(Duration.ofMinutes(30)));
        assertThat(event.data().timings().elapsed()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void throttledActionWaitsForRetryAfterThenSucceeds() {
        ScriptedSteps steps = new ScriptedSteps(START)
                .acting(new ActionResult.Wait(ActionResult.WaitReason.THROTTLED, "SubscriptionRequestsThrottled",
                                "throttled", Duration.ofSeconds(17)),
                        done(Outcome.CREATED, status("Succeeded", "Steady", 0)));

        ComputeEvent event = process.run(input("ensure-amlcompute.json"), steps, 7);

        assertThat(event.type()).isEqualTo(EventType.READY);
        assertThat(steps.acts).isEqualTo(2);
        assertThat(steps.sleeps).containsExactly(Duration.ofSeconds(17));
    }

    @Test
    void transientFaultsAreRetriedWithBackoffAndGiveUpAfterBoundedAttempts() {
        ScriptedSteps steps = new ScriptedSteps(START).acting(
                new ActionResult.Wait(ActionResult.WaitReason.TRANSIENT, "ServiceUnavailable", "503", null));

        ComputeEvent event = process.run(withTimeout("ensure-amlcompute.json", "P1D"), steps, 7);

        assertThat(event.type()).isEqualTo(EventType.FAILED);
        assertThat(event.data().errors()).extracting(ComputeStatus.ErrorInfo::code)
                .containsExactly("RetriesExhausted", "ServiceUnavailable");
        assertThat(steps.acts).isEqualTo(StepRetryPolicy.MAX_ATTEMPTS + 1);
        assertThat(steps.sleeps.get(0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(steps.sleeps.get(1)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void statusReadThrottlingKeepsPollingWithinTheDeadline() {
        ScriptedSteps steps = new ScriptedSteps(START)
                .acting(done(Outcome.CREATED, status("Creating", null, null)))
                .reading(new StatusRead.Wait(ActionResult.WaitReason.THROTTLED, "Throttled", "429", Duration.ofSeconds(45)),
                        found(status("Succeeded", "Steady", 0)));

        ComputeEvent event = process.run(input("ensure-amlcompute.json"), steps, 7);

        assertThat(event.type()).isEqualTo(EventType.READY);
        assertThat(steps.sleeps.get(1)).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void deleteEndsWhenTheComputeIsGone() {
        ScriptedSteps steps = new ScriptedSteps(START)
                .acting(done(Outcome.DELETED, status("Deleting", null, null)))
                .reading(found(status("Deleting", null, null)), new StatusRead.Missing());

        ComputeEvent event = process.run(input("delete-amlcompute.json"), steps, 7);

        assertThat(event.type()).isEqualTo(EventType.DELETED);
        assertThat(event.data().outcome()).isEqualTo(Outcome.DELETED);
        assertThat(steps.reads).isEqualTo(2);
    }

    @Test
    void detachOfAComputeAlreadyGoneEndsAtOnce() {
        ScriptedSteps steps = new ScriptedSteps(START).acting(done(Outcome.DETACHED, null));

        ComputeEvent event = process.run(input("detach-databricks.json"), steps, 7);

        assertThat(event.type()).isEqualTo(EventType.DETACHED);
        assertThat(steps.reads).isZero();
    }

    @Test
    void aCrashedStepBecomesAFailedEventInsteadOfAHungRequest() {
        ScriptedSteps steps = new ScriptedSteps(START)
                .acting(done(Outcome.ATTACHED, status("Creating", null, null)))
                .reading(new ProcessSteps.StepFailedException("NullPointerException: boom", null));

        ComputeEvent event = process.run(input("attach-databricks.json"), steps, 7);

        assertThat(event.type()).isEqualTo(EventType.FAILED);
        assertThat(event.data().errors()).extracting(ComputeStatus.ErrorInfo::code).containsExactly("StepFailed");
        assertThat(steps.published).hasSize(1);
    }

    @Test
    void waitingForAFailedLeftoverToBeDeletedDoesNotCountAsARefusal() {
        ActionResult.Wait deleting = new ActionResult.Wait(ActionResult.WaitReason.DELETING_LEFTOVER,
                "ReplacingFailedCompute", "being replaced", null);
        Object[] script = new Object[StepRetryPolicy.MAX_ATTEMPTS + 3];
        java.util.Arrays.fill(script, deleting);
        script[script.length - 1] = done(Outcome.CREATED, status("Succeeded", "Steady", 0));
        ScriptedSteps steps = new ScriptedSteps(START).acting(script);

        ComputeEvent event = process.run(input("ensure-amlcompute.json"), steps, 7);

        assertThat(event.type()).isEqualTo(EventType.READY);
        assertThat(event.data().outcome()).isEqualTo(Outcome.CREATED);
    }

    @Test
    void sendsTheEventToTheReplyAddressToo() {
        ScriptedSteps steps = new ScriptedSteps(START).acting(done(Outcome.EXISTING, status("Succeeded", "Steady", 0)));
        ProvisioningInput input = new ProvisioningInput(input("ensure-amlcompute.json").request(), "compute-replies", "s-1");

        process.run(input, steps, 7);

        assertThat(steps.replies).containsExactly(new ReplyAddress("compute-replies", "s-1"));
    }

    @Test
    void reportsProgressWithTheNextPollTime() {
        ScriptedSteps steps = new ScriptedSteps(START)
                .acting(done(Outcome.CREATED, status("Creating", null, null)))
                .reading(found(status("Succeeded", "Steady", 0)));

        process.run(input("ensure-amlcompute.json"), steps, 7);

        Progress waiting = steps.progress.stream().filter(p -> p.phase() == Progress.Phase.WAITING).findFirst().orElseThrow();
        assertThat(waiting.provisioningState()).isEqualTo("Creating");
        assertThat(waiting.nextPollAt()).isEqualTo(START.plus(steps.sleeps.get(0)));
        assertThat(waiting.deadline()).isEqualTo(START.plus(Duration.ofMinutes(30)));
        Progress last = steps.progress.get(steps.progress.size() - 1);
        assertThat(last.phase()).isEqualTo(Progress.Phase.DONE);
        assertThat(last.provisioningState()).isEqualTo("Succeeded");
    }

    @Test
    void reportsAnInstancesOwnStateWhileItWaitsForIt() {
        ComputeStatus stopping = new ComputeStatus("Succeeded", null, null, List.of(),
                new InstanceStatus("Stopping", null, null, List.of(), null));
        ComputeStatus stopped = new ComputeStatus("Succeeded", null, null, List.of(),
                new InstanceStatus("Stopped", null, null, List.of(), null));
        ScriptedSteps steps = new ScriptedSteps(START)
                .acting(done(Outcome.STOPPED, stopping))
                .reading(found(stopping), found(stopped));

        process.run(input("stop-computeinstance.json"), steps, 7);

        assertThat(steps.progress).extracting(Progress::phase, Progress::provisioningState, Progress::instanceState)
                .containsExactly(
                        tuple(Progress.Phase.ACTING, null, null),
                        tuple(Progress.Phase.WAITING, "Succeeded", "Stopping"),
                        tuple(Progress.Phase.WAITING, "Succeeded", "Stopping"),
                        tuple(Progress.Phase.PUBLISHING, "Succeeded", "Stopped"),
                        tuple(Progress.Phase.DONE, "Succeeded", "Stopped"));
    }

    @Test
    void reportsAllocationStateNodeCountsAndPollsAsTheyChange() {
        ComputeStatus resizing = new ComputeStatus("Succeeded", "Resizing",
                new ComputeStatus.NodeCounts(1, 3, 0, 0, 1, 0, 0, 0), List.of());
        ComputeStatus steady = new ComputeStatus("Succeeded", "Steady",
                new ComputeStatus.NodeCounts(3, 3, 3, 0, 0, 0, 0, 0), List.of());
        ScriptedSteps steps = new ScriptedSteps(START)
                .acting(done(Outcome.CREATED, status("Creating", null, null)))
                .reading(found(resizing), found(steady));

        process.run(input("ensure-amlcompute.json"), steps, 7);

        assertThat(steps.progress).extracting(Progress::phase, Progress::provisioningState, Progress::allocationState,
                        Progress::currentNodeCount, Progress::targetNodeCount, Progress::polls)
                .containsExactly(
                        tuple(Progress.Phase.ACTING, null, null, null, null, 0),
                        tuple(Progress.Phase.WAITING, "Creating", null, null, null, 0),
                        tuple(Progress.Phase.WAITING, "Succeeded", "Resizing", 1, 3, 1),
                        tuple(Progress.Phase.PUBLISHING, "Succeeded", "Steady", 3, 3, 2),
                        tuple(Progress.Phase.DONE, "Succeeded", "Steady", 3, 3, 2));
    }

    private static ProvisioningInput input(String sample) {
        return new ProvisioningInput(canonical(Samples.text(sample)), null, null);
    }

    private static ProvisioningInput withTimeout(String sample, String timeout) {
        return new ProvisioningInput(canonical(Samples.with(sample, "/options/timeout", "\"" + timeout + "\"")), null, null);
    }

    private static String canonical(String body) {
        ParseResult.Parsed parsed = (ParseResult.Parsed) new RequestParser(RequestDefaults.standard())
                .parse(body, MessageEnvelope.NONE);
        return RequestWriter.toJson(parsed.request());
    }

    private static ActionResult.Done done(Outcome outcome, ComputeStatus status) {
        return new ActionResult.Done(outcome, List.of(), status);
    }

    private static StatusRead found(ComputeStatus status) {
        return new StatusRead.Found(status);
    }

    private static ComputeStatus status(String state, String allocation, Integer nodes) {
        return new ComputeStatus(state, allocation,
                nodes == null ? null : new ComputeStatus.NodeCounts(nodes, nodes, nodes, 0, 0, 0, 0, 0), List.of());
    }
}
