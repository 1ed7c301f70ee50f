package io.amlcompute.provisioner.arm;

import io.amlcompute.provisioner.contract.Action;
import io.amlcompute.provisioner.contract.ApplicationSharingPolicy;
import io.amlcompute.provisioner.contract.AssignedUser;
import io.amlcompute.provisioner.contract.ComputeOperation;
import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.contract.ComputeType;
import io.amlcompute.provisioner.contract.DeleteCompute;
import io.amlcompute.provisioner.contract.EnsureComputeInstance;
import io.amlcompute.provisioner.contract.InstancePowerChange;
import io.amlcompute.provisioner.contract.OnExisting;
import io.amlcompute.provisioner.contract.OnFailedLeftover;
import io.amlcompute.provisioner.contract.RequestOptions;
import io.amlcompute.provisioner.contract.event.Drift;
import io.amlcompute.provisioner.contract.event.Outcome;
import io.amlcompute.provisioner.local.arm.FaultRule;
import io.amlcompute.provisioner.local.arm.RecordedRequest;
import io.amlcompute.provisioner.provisioning.ActionResult;
import io.amlcompute.provisioner.provisioning.CleanUp;
import io.amlcompute.provisioner.provisioning.ComputeActions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.amlcompute.provisioner.arm.EmulatedArm.address;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compute instance decisions (get-or-create, start, stop, restart, delete) through {@link ComputeActions}, the real
 * gateway and the ARM emulator: creation 10 s, each power action 4 s.
 */
class InstanceActionsOverArmTest {

    private static final String NAME = "ci-alice";

    private EmulatedArm arm;
    private ComputeActions actions;

    @AfterEach
    void stop() {
        if (arm != null) {
            arm.close();
        }
    }

    private void start() {
        arm = EmulatedArm.start(b -> b.instanceCreateFailsFor("Standard_NC6").instanceUnusableFor("Standard_E4s_v3"));
        actions = new ComputeActions(arm.gateway);
    }

    private ActionResult perform(ComputeOperation operation) {
        return perform(operation, "req-1", OnExisting.REUSE, OnFailedLeftover.FAIL);
    }

    private ActionResult perform(ComputeOperation operation, String requestId, OnExisting onExisting,
                                 OnFailedLeftover onFailedLeftover) {
        return actions.perform(new ComputeRequest(requestId, "corr-1", EmulatedArm.WORKSPACE, operation,
                new RequestOptions(Duration.ofMinutes(30), 0, onExisting, onFailedLeftover)));
    }

    /** An instance made directly through the gateway, running. */
    private void existingInstance(EnsureComputeInstance instance) {
        arm.gateway.createInstance(address(instance.computeName()), instance, EmulatedArm.SETUP_MARK, "setup");
        arm.advance(Duration.ofSeconds(10));
    }

    private long posts() {
        return arm.requests().stream().filter(r -> r.method().equals("POST")).count();
    }

    private long writes() {
        return arm.requests().stream().filter(r -> !r.method().equals("GET")).count();
    }

    private static ActionResult.Done done(ActionResult result) {
        assertThat(result).isInstanceOf(ActionResult.Done.class);
        return (ActionResult.Done) result;
    }

    private static ComputeStatus.ErrorInfo onlyError(ActionResult result) {
        assertThat(result).isInstanceOf(ActionResult.Failed.class);
        return ((ActionResult.Failed) result).errors().get(0);
    }

    private static String state(ActionResult.Done done) {
        return done.status().instance().state();
    }

    @Nested
    class Ensure {

        @Test
        void createsAnInstanceThatDoesNotExist() {
            start();

            ActionResult.Done created = done(perform(EmulatedArm.instance(NAME)));

            assertThat(created.outcome()).isEqualTo(Outcome.CREATED);
            assertThat(arm.computeRequests()).extracting(RecordedRequest::method, RecordedRequest::status)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("GET", 404),
                            org.assertj.core.groups.Tuple.tuple("PUT", 201));
        }

        @Test
        void aRerunFindsItsOwnInstanceAndStillReportsCreated() {
            start();
            perform(EmulatedArm.instance(NAME));

            ActionResult.Done again = done(perform(EmulatedArm.instance(NAME)));

            assertThat(again.outcome()).isEqualTo(Outcome.CREATED);
            assertThat(writes()).isEqualTo(1);
        }

        @Test
        void reusesTheSameUsersInstanceAndReportsDriftFieldByField() {
            start();
            existingInstance(EmulatedArm.instance(NAME));
            EnsureComputeInstance shared = new EnsureComputeInstance(NAME, "Standard_DS3_v2", EmulatedArm.ALICE,
                    ApplicationSharingPolicy.SHARED, io.amlcompute.provisioner.contract.InstanceSsh.DISABLED, null,
                    false, Duration.ofHours(1), List.of(), false, null, java.util.Map.of(), "Alice's machine");

            ActionResult.Done existing = done(perform(shared));

            assertThat(existing.outcome()).isEqualTo(Outcome.EXISTING);
            assertThat(existing.drift()).extracting(Drift::field)
                    .containsExactlyInAnyOrder("applicationSharingPolicy", "enableNodePublicIp", "schedules");
            assertThat(state(existing)).isEqualTo("Running");
            assertThat(writes()).as("nothing changed in place").isEqualTo(1);
        }

        @Test
        void neverReassignsAnInstanceOfAnotherUser() {
            start();
            existingInstance(EmulatedArm.instance(NAME));
            AssignedUser bob = new AssignedUser("bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb", EmulatedArm.ALICE.tenantId());
            EmulatedArm.instance(NAME);
            EnsureComputeInstance forBob = withUser(EmulatedArm.instance(NAME), bob);

            ComputeStatus.ErrorInfo error = onlyError(perform(forBob));

            assertThat(error.code()).isEqualTo("ComputeConflict");
            assertThat(error.message()).contains("assigned to user " + EmulatedArm.ALICE.objectId())
                    .contains("never reassigned");
            assertThat(writes()).isEqualTo(1);
        }

        @Test
        void anInstanceForNobodyIsNotTakenOverForSomeone() {
            start();
            existingInstance(EmulatedArm.sharedInstance(NAME));

            assertThat(onlyError(perform(EmulatedArm.instance(NAME))).code()).isEqualTo("ComputeConflict");
        }

        @Test
        void aDifferentVmSizeFailsBecauseItCannotChangeAfterCreation() {
            start();
            existingInstance(EmulatedArm.instance(NAME));

            ComputeStatus.ErrorInfo error = onlyError(perform(EmulatedArm.instance(NAME, "Standard_DS4_v2")));

            assertThat(error.code()).isEqualTo("ImmutableFieldDrift");
            assertThat(error.message()).contains("vmSize");
        }

        @Test
        void failsWhenTheNameBelongsToACluster() {
            start();
            arm.gateway.create(address(NAME), EmulatedArm.cluster(NAME, "STANDARD_DS3_V2", 0, 2),
                    EmulatedArm.SETUP_MARK, "setup");

            ComputeStatus.ErrorInfo error = onlyError(perform(EmulatedArm.instance(NAME)));

            assertThat(error.code()).isEqualTo("ComputeConflict");
            assertThat(error.message()).contains("AmlCompute");
        }

        @Test
        void aCreateFailedLeftoverFailsWithItsErrorsOrIsReplaced() {
            start();
            existingInstance(EmulatedArm.instance(NAME, "Standard_NC6"));

            ActionResult failed = perform(EmulatedArm.instance(NAME));
            ActionResult replaced = perform(EmulatedArm.instance(NAME), "req-2", OnExisting.REUSE,
                    OnFailedLeftover.REPLACE);

            assertThat(onlyError(failed).code()).isEqualTo("FailedLeftover");
            assertThat(((ActionResult.Failed) failed).errors()).extracting(ComputeStatus.ErrorInfo::code)
                    .contains("ComputeInstanceCreateFailed");
            assertThat(replaced).isInstanceOfSatisfying(ActionResult.Wait.class, wait ->
                    assertThat(wait.reason()).isEqualTo(ActionResult.WaitReason.DELETING_LEFTOVER));
            assertThat(arm.lastRequest().query()).contains("underlyingResourceAction=Delete");
        }

        @Test
        void onExistingFailRefusesAnExistingInstance() {
            start();
            existingInstance(EmulatedArm.instance(NAME));

            assertThat(onlyError(perform(EmulatedArm.instance(NAME), "req-9", OnExisting.FAIL, OnFailedLeftover.FAIL))
                    .code()).isEqualTo("ComputeExists");
        }
    }

    @Nested
    class Power {

        @Test
        void stopOfARunningInstanceSendsOnePostAndReportsStopping() {
            start();
            existingInstance(EmulatedArm.instance(NAME));

            ActionResult.Done stopped = done(perform(new InstancePowerChange(NAME, Action.STOP)));

            assertThat(stopped.outcome()).isEqualTo(Outcome.STOPPED);
            assertThat(state(stopped)).isEqualTo("Stopping");
            assertThat(posts()).isEqualTo(1);
            assertThat(arm.requests().stream().filter(r -> r.method().equals("POST")).findFirst().orElseThrow()
                    .path()).endsWith("/ci-alice/stop");
        }

        @Test
        void anActionWhoseStateIsReachedCompletesAtOnceAsExisting() {
            start();
            existingInstance(EmulatedArm.instance(NAME));

            ActionResult.Done started = done(perform(new InstancePowerChange(NAME, Action.START)));

            assertThat(started.outcome()).isEqualTo(Outcome.EXISTING);
            assertThat(state(started)).isEqualTo("Running");
            assertThat(posts()).isZero();
        }

        @Test
        void anActionAlreadyUnderWayIsJoinedWithoutASecondPost() {
            start();
            existingInstance(EmulatedArm.instance(NAME));
            perform(new InstancePowerChange(NAME, Action.STOP));

            ActionResult.Done joined = done(perform(new InstancePowerChange(NAME, Action.STOP), "req-2",
                    OnExisting.REUSE, OnFailedLeftover.FAIL));

            assertThat(joined.outcome()).isEqualTo(Outcome.STOPPED);
            assertThat(posts()).isEqualTo(1);
        }

        @Test
        void anActionThatMustWaitForAnotherWaitsWithoutPosting() {
            start();
            existingInstance(EmulatedArm.instance(NAME));
            perform(new InstancePowerChange(NAME, Action.STOP));

            ActionResult start = perform(new InstancePowerChange(NAME, Action.START));

            assertThat(start).isInstanceOfSatisfying(ActionResult.Wait.class, wait -> {
                assertThat(wait.reason()).isEqualTo(ActionResult.WaitReason.OPERATION_IN_PROGRESS);
                assertThat(wait.message()).contains("Stopping");
            });
            assertThat(posts()).isEqualTo(1);
            arm.advance(Duration.ofSeconds(4));
            assertThat(done(perform(new InstancePowerChange(NAME, Action.START))).outcome()).isEqualTo(Outcome.STARTED);
        }

        @Test
        void twoConcurrentStartsSendOnePost() throws Exception {
            start();
            existingInstance(EmulatedArm.instance(NAME));
            arm.gateway.stop(address(NAME), "setup");
            arm.advance(Duration.ofSeconds(4));
            arm.clearRequests();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ActionResult>> results = new ArrayList<>();
            try {
                for (String requestId : List.of("req-a", "req-b")) {
                    results.add(pool.submit(() -> {
                        go.await();
                        return perform(new InstancePowerChange(NAME, Action.START), requestId, OnExisting.REUSE,
                                OnFailedLeftover.FAIL);
                    }));
                }
                go.countDown();
                for (Future<ActionResult> result : results) {
                    assertThat(done(result.get()).outcome()).isEqualTo(Outcome.STARTED);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(posts()).isEqualTo(1);
        }

        @Test
        void aPostRefusedBecauseTheInstanceMovedMeanwhileWaitsInsteadOfFailing() {
            start();
            existingInstance(EmulatedArm.instance(NAME));
            arm.emulator.faults().add(FaultRule.on("POST", ".*/computes/ci-alice/stop").error(409, "Conflict",
                    "Operation failed: another operation on same entity is already running.").times(1));

            ActionResult stop = perform(new InstancePowerChange(NAME, Action.STOP));

            assertThat(stop).isInstanceOfSatisfying(ActionResult.Wait.class, wait ->
                    assertThat(wait.reason()).isEqualTo(ActionResult.WaitReason.OPERATION_IN_PROGRESS));
            assertThat(done(perform(new InstancePowerChange(NAME, Action.STOP))).outcome()).isEqualTo(Outcome.STOPPED);
        }

        @Test
        void restartOfAStoppedInstanceFailsWithAdvice() {
            start();
            existingInstance(EmulatedArm.instance(NAME));
            arm.gateway.stop(address(NAME), "setup");
            arm.advance(Duration.ofSeconds(4));

            ComputeStatus.ErrorInfo error = onlyError(perform(new InstancePowerChange(NAME, Action.RESTART)));

            assertThat(error.code()).isEqualTo("InstanceStopped");
            assertThat(error.message()).contains("send start");
        }

        @Test
        void restartRecoversAnUnusableInstanceButStartDoesNot() {
            start();
            existingInstance(EmulatedArm.instance(NAME, "Standard_E4s_v3"));

            ComputeStatus.ErrorInfo start = onlyError(perform(new InstancePowerChange(NAME, Action.START)));
            ActionResult.Done restart = done(perform(new InstancePowerChange(NAME, Action.RESTART)));

            assertThat(start.code()).isEqualTo("InstanceNotUsable");
            assertThat(start.message()).contains("restart it to recover");
            assertThat(restart.outcome()).isEqualTo(Outcome.RESTARTED);
            assertThat(state(restart)).isEqualTo("Restarting");
        }

        @Test
        void aPowerActionOnNothingOrOnAClusterFails() {
            start();
            arm.gateway.create(address("cpu-cluster"), EmulatedArm.cluster("cpu-cluster", "STANDARD_DS3_V2", 0, 2),
                    EmulatedArm.SETUP_MARK, "setup");

            assertThat(onlyError(perform(new InstancePowerChange(NAME, Action.START))).code())
                    .isEqualTo("ComputeNotFound");
            assertThat(onlyError(perform(new InstancePowerChange("cpu-cluster", Action.STOP))).code())
                    .isEqualTo("ComputeConflict");
            assertThat(posts()).isZero();
        }
    }

    @Nested
    class Delete {

        @Test
        void deletesAnInstanceNamedAsSuch() {
            start();
            existingInstance(EmulatedArm.instance(NAME));

            ActionResult.Done deleted = done(perform(new DeleteCompute(NAME, ComputeType.COMPUTE_INSTANCE)));

            assertThat(deleted.outcome()).isEqualTo(Outcome.DELETED);
            assertThat(arm.lastRequest().method()).isEqualTo("DELETE");
            assertThat(arm.lastRequest().query()).contains("underlyingResourceAction=Delete");
        }

        @Test
        void aDeleteOfAClusterDoesNotTouchAnInstance() {
            start();
            existingInstance(EmulatedArm.instance(NAME));

            assertThat(onlyError(perform(new DeleteCompute(NAME))).code()).isEqualTo("ComputeConflict");
            assertThat(writes()).isEqualTo(1);
        }
    }

    /** A lease's expiry action {@code stop} ({@link CleanUp.Kind#STOP}), as the lease's activity calls it. */
    @Nested
    class LeaseEnd {

        private ActionResult stopAtLeaseEnd(String name) {
            return actions.cleanUp(new CleanUp(EmulatedArm.WORKSPACE, name, CleanUp.Kind.STOP, "lease-1", "corr-1"));
        }

        @Test
        void stopsARunningInstanceWithOnePostWhoeverCreatedIt() {
            start();
            existingInstance(EmulatedArm.instance(NAME));

            ActionResult.Done stopped = done(stopAtLeaseEnd(NAME));

            assertThat(stopped.outcome()).isEqualTo(Outcome.STOPPED);
            assertThat(state(stopped)).isEqualTo("Stopping");
            assertThat(arm.requests()).filteredOn(r -> r.method().equals("POST")).singleElement()
                    .satisfies(r -> assertThat(r.path()).endsWith("/computes/ci-alice/stop"));
            arm.advance(Duration.ofSeconds(4));
            assertThat(arm.gateway.get(address(NAME), "check").orElseThrow().status().instance().state())
                    .isEqualTo("Stopped");
        }

        @Test
        void anInstanceStoppedAlreadyIsLeftAsItIs() {
            start();
            existingInstance(EmulatedArm.instance(NAME));
            arm.gateway.stop(address(NAME), "setup");
            arm.advance(Duration.ofSeconds(4));
            arm.clearRequests();

            ActionResult.Done kept = done(stopAtLeaseEnd(NAME));

            assertThat(kept.outcome()).isEqualTo(Outcome.EXISTING);
            assertThat(state(kept)).isEqualTo("Stopped");
            assertThat(posts()).isZero();
        }

        @Test
        void aStopOfAClusterFailsAsAConflictAndSendsNothing() {
            start();
            arm.gateway.create(address("aml-cluster"), EmulatedArm.cluster("aml-cluster", "Standard_DS3_v2", 0, 2), EmulatedArm.SETUP_MARK,
                    "setup");
            arm.clearRequests();

            assertThat(onlyError(stopAtLeaseEnd("aml-cluster")).code()).isEqualTo("ComputeConflict");
            assertThat(writes()).isZero();
        }

        @Test
        void anInstanceThatIsGoneEndsTheLeaseWithNothingToStop() {
            start();

            ActionResult.Done gone = done(stopAtLeaseEnd(NAME));

            assertThat(gone.status()).isNull();
            assertThat(writes()).isZero();
        }
    }

    private static EnsureComputeInstance withUser(EnsureComputeInstance instance, AssignedUser user) {
        return new EnsureComputeInstance(instance.computeName(), instance.vmSize(), user,
                instance.applicationSharingPolicy(), instance.ssh(), instance.subnetId(), instance.enableNodePublicIp(),
                instance.idleTimeBeforeShutdown(), instance.schedules(), instance.enableSso(), instance.setupScripts(),
                instance.tags(), instance.description());
    }
}
