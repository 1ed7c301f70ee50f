package io.amlcompute.provisioner.provisioning;

import io.amlcompute.provisioner.contract.Action;
import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.contract.event.ComputeEvent;
import io.amlcompute.provisioner.contract.event.EventType;
import io.amlcompute.provisioner.contract.event.LeaseResult;
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

/**
 * The lease's and the cancel's decisions on virtual time with scripted steps: what the end of a lease does with a
 * compute it did not create, or when its action fails or the holders cannot be listed, and what a cancel does at
 * each point of a request. The replay tests run the same process through the real engine.
 */
class LeaseAndCancelDecisionsTest {

    private static final Instant START = Instant.parse("2026-12-04T10:00:00Z");
    private static final ComputeStatus STEADY = new ComputeStatus("Succeeded", "Steady", null, List.of());
    private static final ComputeStatus CREATING = new ComputeStatus("Creating", null, null, List.of());
    private static final ProvisioningInput.LeaseTerms TERMS =
            new ProvisioningInput.LeaseTerms(Duration.ofDays(7), Duration.ofMinutes(15));

    private final ProvisioningProcess process = new ProvisioningProcess(PollingPolicy.standard());

    @Test
    void aLeaseOnAComputeItDidNotCreateEndsKeepingIt() {
        ScriptedSteps steps = new ScriptedSteps(START).acting(done(Outcome.EXISTING, STEADY))
                .cleaningUp(done(Outcome.EXISTING, STEADY));

        ComputeEvent ready = process.run(leased("delete"), steps, 1);

        assertThat(ready.type()).isEqualTo(EventType.READY);
        ComputeEvent expired = last(steps);
        assertThat(expired.type()).isEqualTo(EventType.LEASE_EXPIRED);
        assertThat(expired.data().lease().result()).isEqualTo(LeaseResult.KEPT);
        assertThat(expired.data().lease().note()).contains("not created by request");
        assertThat(steps.cleanUps).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(CleanUp.Kind.DELETE);
            assertThat(c.creatorRequestId()).as("the removal is conditional on this request's creator mark")
                    .isEqualTo(ready.data().requestId());
        });
    }

    @Test
    void scaleToZeroAtTheEndScalesAndReportsIt() {
        ScriptedSteps steps = new ScriptedSteps(START).acting(done(Outcome.CREATED, STEADY))
                .cleaningUp(done(Outcome.UPDATED, STEADY));

        process.run(leased("scaleToZero"), steps, 1);

        assertThat(last(steps).data().lease().result()).isEqualTo(LeaseResult.SCALED_TO_ZERO);
        assertThat(steps.cleanUps).singleElement().satisfies(c -> assertThat(c.kind()).isEqualTo(CleanUp.Kind.SCALE_TO_ZERO));
        assertThat(steps.reads).as("a scale to zero is not waited for").isZero();
    }

    @Test
    void anInstancesLeaseEndingWithStopWaitsUntilTheInstanceReadsStopped() {
        ScriptedSteps steps = new ScriptedSteps(START).acting(done(Outcome.CREATED, instance("Running")))
                .cleaningUp(done(Outcome.STOPPED, instance("Stopping")))
                .reading(new StatusRead.Found(instance("Stopping")), new StatusRead.Found(instance("Stopped")));

        ComputeEvent ready = process.run(leasedInstance(), steps, 1);

        assertThat(ready.type()).isEqualTo(EventType.READY);
        assertThat(steps.cleanUps).singleElement().satisfies(c -> assertThat(c.kind()).isEqualTo(CleanUp.Kind.STOP));
        ComputeEvent expired = last(steps);
        assertThat(expired.type()).isEqualTo(EventType.LEASE_EXPIRED);
        assertThat(expired.data().lease().result()).isEqualTo(LeaseResult.STOPPED);
        assertThat(expired.data().lease().note()).isNull();
        assertThat(expired.data().status().instance().state()).isEqualTo("Stopped");
        assertThat(steps.reads).as("read until Stopped, then no more").isEqualTo(2);
    }

    @Test
    void anInstanceStoppedAlreadyWhenItsLeaseEndsIsReportedStoppedWithoutWaiting() {
        ScriptedSteps steps = new ScriptedSteps(START).acting(done(Outcome.CREATED, instance("Running")))
                .cleaningUp(done(Outcome.EXISTING, instance("Stopped")));

        process.run(leasedInstance(), steps, 1);

        assertThat(last(steps).data().lease().result()).as("not kept: a stop needs no creator mark")
                .isEqualTo(LeaseResult.STOPPED);
        assertThat(steps.reads).isZero();
    }

    @Test
    void anInstanceDeletedWhileItsLeaseStopsItEndsTheLeaseAlreadyGone() {
        ScriptedSteps steps = new ScriptedSteps(START).acting(done(Outcome.CREATED, instance("Running")))
                .cleaningUp(done(Outcome.STOPPED, instance("Stopping")))
                .reading(new StatusRead.Missing());

        process.run(leasedInstance(), steps, 1);

        assertThat(last(steps).data().lease().result()).isEqualTo(LeaseResult.ALREADY_GONE);
        assertThat(last(steps).data().lease().note()).contains("deleted while its lease stopped it");
    }

    @Test
    void anInstanceThatIsStillStoppingAtTheDeadlineEndsTheLeaseStoppedWithANote() {
        ScriptedSteps steps = new ScriptedSteps(START).acting(done(Outcome.CREATED, instance("Running")))
                .cleaningUp(done(Outcome.STOPPED, instance("Stopping")))
                .reading(new StatusRead.Found(instance("Stopping")));

        process.run(leasedInstance(), steps, 1);

        assertThat(last(steps).data().lease().result()).isEqualTo(LeaseResult.STOPPED);
        assertThat(last(steps).data().lease().note()).contains("still Stopping");
    }

    @Test
    void anExpiryActionArmRefusesEndsTheLeaseAsFailedWithArmsReasons() {
        ScriptedSteps steps = new ScriptedSteps(START).acting(done(Outcome.CREATED, STEADY))
                .cleaningUp(new ActionResult.Failed(null, List.of(ComputeStatus.ErrorInfo.of("AuthorizationFailed",
                        "no delete right"))));

        process.run(leased("delete"), steps, 1);

        ComputeEvent expired = last(steps);
        assertThat(expired.data().lease().result()).isEqualTo(LeaseResult.FAILED);
        assertThat(expired.data().errors()).extracting(ComputeStatus.ErrorInfo::code).contains("AuthorizationFailed");
        assertThat(steps.published).filteredOn(e -> e.type() == EventType.LEASE_EXPIRED).hasSize(1);
    }

    @Test
    void whenTheHoldersCannotBeListedTheExpiryActionWaitsRatherThanRisk() {
        ScriptedSteps steps = new ScriptedSteps(START).acting(done(Outcome.CREATED, STEADY))
                .holders(new ProcessSteps.StepFailedException("query failed", null),
                        new ProcessSteps.StepFailedException("query failed", null), List.of())
                .cleaningUp(done(Outcome.DELETED, null));

        process.run(leased("delete"), steps, 1);

        assertThat(steps.holderQueries).isEqualTo(3);
        assertThat(steps.progress).anySatisfy(p -> assertThat(p.lease().note()).contains("could not be listed"));
        assertThat(last(steps).data().lease().result()).isEqualTo(LeaseResult.ALREADY_GONE);
        Instant expiredAt = last(steps).time();
        Instant expiresAt = last(steps).data().lease().expiresAt();
        assertThat(Duration.between(expiresAt, expiredAt)).isGreaterThanOrEqualTo(LeaseProcess.HOLDER_RECHECK.multipliedBy(2));
    }

    @Test
    void renewAndReleaseBeforeTheComputeIsReadyAreToldTheLeaseIsNotActiveYet() {
        ScriptedSteps steps = new ScriptedSteps(START).acting(done(Outcome.CREATED, CREATING))
                .reading(new StatusRead.Found(CREATING), new StatusRead.Found(STEADY))
                .signalAt(START.plusSeconds(5), signal(Action.RENEW, "renew-early"))
                .signalAt(START.plusSeconds(6), signal(Action.RELEASE, "release-early"))
                .cleaningUp(done(Outcome.DELETED, null));

        process.run(leased("delete"), steps, 1);

        assertThat(steps.published).filteredOn(e -> e.type() == EventType.REJECTED)
                .extracting(e -> e.data().requestId(), e -> e.data().errors().get(0).code())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("renew-early", "LEASE_NOT_ACTIVE"),
                        org.assertj.core.groups.Tuple.tuple("release-early", "LEASE_NOT_ACTIVE"));
        assertThat(steps.published).filteredOn(e -> e.type() == EventType.LEASE_EXPIRED).hasSize(1);
    }

    @Test
    void aCancelBeforeArmAcceptedTheActionEndsTheRequestWithNothingToRemove() {
        ScriptedSteps steps = new ScriptedSteps(START)
                .acting(new ActionResult.Wait(ActionResult.WaitReason.THROTTLED, "TooManyRequests", "slow", null))
                .signalAt(START.plusSeconds(3), signal(Action.CANCEL, "cancel-1"));

        ComputeEvent event = process.run(leased("delete"), steps, 1);

        assertThat(event.type()).isEqualTo(EventType.CANCELLED);
        assertThat(event.data().errors().get(0).message()).contains("cancel-1").contains("nothing was created");
        assertThat(steps.cleanUps).isEmpty();
        assertThat(steps.published).containsExactly(event);
    }

    @Test
    void aCancelKeepsWhatTheRequestCreatedUnlessItAskedForDeletion() {
        String keep = RequestWriter.toJson(parsed(Samples.with("ensure-amlcompute-lease.json", "/options/onCancel",
                "\"keep\"")));
        ScriptedSteps steps = new ScriptedSteps(START).acting(done(Outcome.CREATED, CREATING))
                .reading(new StatusRead.Found(CREATING))
                .signalAt(START.plusSeconds(30), signal(Action.CANCEL, "cancel-1"));

        ComputeEvent event = process.run(ProvisioningInput.of(keep, null, TERMS), steps, 1);

        assertThat(event.type()).isEqualTo(EventType.CANCELLED);
        assertThat(event.data().errors().get(0).message()).contains("kept");
        assertThat(steps.cleanUps).isEmpty();
    }

    @Test
    void aCancelOfAnInstanceStillCreatingDeletesItWhenItsRequestAskedSoAndOnlyIfItMadeIt() {
        String body = RequestWriter.toJson(parsed(Samples.with("ensure-computeinstance.json", "/options/onCancel",
                "\"delete\"")));
        ScriptedSteps steps = new ScriptedSteps(START).acting(done(Outcome.CREATED, instance("Creating")))
                .reading(new StatusRead.Found(instance("Creating")))
                .signalAt(START.plusSeconds(30), signal(Action.CANCEL, "cancel-1"))
                .cleaningUp(done(Outcome.DELETED, new ComputeStatus("Deleting", null, null, List.of())));

        ComputeEvent event = process.run(ProvisioningInput.of(body, null, TERMS), steps, 1);

        assertThat(event.type()).isEqualTo(EventType.CANCELLED);
        assertThat(steps.cleanUps).singleElement().satisfies(c -> {
            assertThat(c.kind()).as("an instance is deleted, never detached").isEqualTo(CleanUp.Kind.DELETE);
            assertThat(c.creatorRequestId()).isEqualTo("demo-ensure-instance-001");
        });
    }

    @Test
    void aCancelOfAnExistingComputeNeverRemovesIt() {
        ScriptedSteps steps = new ScriptedSteps(START).acting(done(Outcome.EXISTING, CREATING))
                .reading(new StatusRead.Found(CREATING))
                .signalAt(START.plusSeconds(30), signal(Action.CANCEL, "cancel-1"));

        ComputeEvent event = process.run(leased("delete"), steps, 1);

        assertThat(event.type()).isEqualTo(EventType.CANCELLED);
        assertThat(steps.cleanUps).isEmpty();
    }

    @Test
    void aCancelOfALeasedReadyComputeIsRefusedAndTheLeaseRunsOn() {
        ScriptedSteps steps = new ScriptedSteps(START).acting(done(Outcome.CREATED, STEADY))
                .signalAt(START.plus(Duration.ofHours(1)), signal(Action.CANCEL, "cancel-late"))
                .cleaningUp(done(Outcome.DELETED, null));

        process.run(leased("delete"), steps, 1);

        assertThat(steps.published).extracting(ComputeEvent::type).containsExactly(EventType.READY,
                EventType.REJECTED, EventType.LEASE_EXPIRING, EventType.LEASE_EXPIRED);
        assertThat(steps.published.get(1).data().errors().get(0).code()).isEqualTo("NOT_CANCELLABLE");
    }

    @Test
    void everyWakeOfTheLeaseIsACheckpointCarryingWhereTheLeaseStands() {
        ScriptedSteps steps = new ScriptedSteps(START).acting(done(Outcome.CREATED, STEADY))
                .signalAt(START.plus(Duration.ofHours(1)), signal(Action.RENEW, "renew-1"))
                .cleaningUp(done(Outcome.DELETED, null));

        process.run(leased("delete"), steps, 1);

        assertThat(steps.checkpoints).isNotEmpty().allSatisfy(next -> assertThat(next.leaseState()).isNotNull());
        LeaseState afterRenewal = steps.checkpoints.stream().map(ProvisioningInput::leaseState)
                .filter(s -> s.answered().contains("renew-1")).findFirst().orElseThrow();
        assertThat(afterRenewal.expiresAt()).isEqualTo(START.plus(Duration.ofHours(5)));
        // The next execution starts from the checkpoint alone and reaches the same end.
        ScriptedSteps resumed = new ScriptedSteps(START.plus(Duration.ofHours(1)))
                .acting(done(Outcome.CREATED, STEADY)).cleaningUp(done(Outcome.DELETED, null));
        ComputeEvent output = process.run(steps.checkpoints.get(steps.checkpoints.indexOf(steps.checkpoints.stream()
                .filter(c -> c.leaseState().answered().contains("renew-1")).findFirst().orElseThrow())), resumed, 1);
        assertThat(output.type()).isEqualTo(EventType.READY);
        assertThat(resumed.acts).as("a resumed lease does not act again").isZero();
        assertThat(last(resumed).type()).isEqualTo(EventType.LEASE_EXPIRED);
        assertThat(last(resumed).data().lease().expiresAt()).isEqualTo(START.plus(Duration.ofHours(5)));
    }

    private static Signal signal(Action action, String id) {
        return new Signal(action, id, "run-1", action == Action.RENEW ? Duration.ofHours(1) : null, null, null);
    }

    private static ComputeEvent last(ScriptedSteps steps) {
        return steps.published.get(steps.published.size() - 1);
    }

    private static ActionResult.Done done(Outcome outcome, ComputeStatus status) {
        return new ActionResult.Done(outcome, List.of(), status);
    }

    private static ComputeStatus instance(String state) {
        return new ComputeStatus("Succeeded", null, null, List.of(),
                new io.amlcompute.provisioner.contract.InstanceStatus(state, null, null, List.of(), null));
    }

    private static ProvisioningInput leasedInstance() {
        return ProvisioningInput.of(RequestWriter.toJson(parsed(Samples.text("ensure-computeinstance-lease.json"))),
                null, TERMS);
    }

    private static ProvisioningInput leased(String onExpiry) {
        String body = Samples.with("ensure-amlcompute-lease.json", "/options/lease/onExpiry", "\"" + onExpiry + "\"");
        return ProvisioningInput.of(RequestWriter.toJson(parsed(body)), null, TERMS);
    }

    private static io.amlcompute.provisioner.contract.ComputeRequest parsed(String body) {
        return ((ParseResult.Parsed) new RequestParser(RequestDefaults.standard()).parse(body, MessageEnvelope.NONE))
                .request();
    }
}
