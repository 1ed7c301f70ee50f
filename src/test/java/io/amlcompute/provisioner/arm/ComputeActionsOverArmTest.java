package io.amlcompute.provisioner.arm;

import io.amlcompute.provisioner.contract.AttachCompute;
import io.amlcompute.provisioner.contract.AttachTarget;
import io.amlcompute.provisioner.contract.ComputeOperation;
import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.contract.ComputeType;
import io.amlcompute.provisioner.contract.DeleteCompute;
import io.amlcompute.provisioner.contract.DetachCompute;
import io.amlcompute.provisioner.contract.EnsureAmlCompute;
import io.amlcompute.provisioner.contract.OnExisting;
import io.amlcompute.provisioner.contract.OnFailedLeftover;
import io.amlcompute.provisioner.contract.RequestOptions;
import io.amlcompute.provisioner.contract.ScaleSettings;
import io.amlcompute.provisioner.contract.SecretRef;
import io.amlcompute.provisioner.contract.UpdateScaleSettings;
import io.amlcompute.provisioner.contract.event.Drift;
import io.amlcompute.provisioner.contract.event.Outcome;
import io.amlcompute.provisioner.local.arm.FaultRule;
import io.amlcompute.provisioner.local.arm.RecordedRequest;
import io.amlcompute.provisioner.provisioning.ActionResult;
import io.amlcompute.provisioner.provisioning.ComputeActions;
import io.amlcompute.provisioner.provisioning.ComputeAddress;
import io.amlcompute.provisioner.provisioning.ComputeGateway;
import io.amlcompute.provisioner.provisioning.ComputeResource;
import io.amlcompute.provisioner.provisioning.CreatorMark;
import io.amlcompute.provisioner.provisioning.UnderlyingResourceAction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static io.amlcompute.provisioner.arm.EmulatedArm.address;
import static io.amlcompute.provisioner.arm.EmulatedArm.cluster;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every branch of the get-or-create, attach, update, detach and delete decisions ({@link ComputeActions}) through
 * the real gateway and the ARM emulator: the decisions see ARM's real answers (sparse bodies, 409s, 403s, 204s), not
 * a hand-written fake's.
 */
class ComputeActionsOverArmTest {

    private static final String NAME = "cpu-cluster";
    private static final String ARC_ID = "/subscriptions/" + EmulatedArm.SUBSCRIPTION
            + "/resourceGroups/rg-k8s/providers/Microsoft.Kubernetes/connectedClusters/arc-ml";

    private EmulatedArm arm;
    private ComputeActions actions;

    @AfterEach
    void stop() {
        if (arm != null) {
            arm.close();
        }
    }

    private void start() {
        start(Duration.ofSeconds(10));
    }

    /** Provisioning takes {@code provisioningTime}; an Arc cluster is seeded beside the AKS one. */
    private void start(Duration provisioningTime) {
        arm = EmulatedArm.start(b -> b.provisioningTime(provisioningTime).kubernetesCluster(ARC_ID)
                .quotaExceededFor("STANDARD_NC24"));
        actions = new ComputeActions(arm.gateway);
    }

    private ActionResult perform(ComputeOperation operation) {
        return perform(operation, OnExisting.REUSE, OnFailedLeftover.FAIL);
    }

    private ActionResult perform(ComputeOperation operation, OnExisting onExisting, OnFailedLeftover onFailedLeftover) {
        return actions.perform(new ComputeRequest("req-1", "corr-1", EmulatedArm.WORKSPACE, operation,
                new RequestOptions(Duration.ofMinutes(30), 0, onExisting, onFailedLeftover)));
    }

    /** A compute made directly through the gateway, settled (provisioning over). */
    private void existingCluster(EnsureAmlCompute cluster) {
        arm.gateway.create(address(cluster.computeName()), cluster, EmulatedArm.SETUP_MARK, "setup");
        arm.advance(Duration.ofSeconds(60));
    }

    private void existingAttach(AttachCompute attach) {
        arm.gateway.attach(address(attach.computeName()), attach, EmulatedArm.SETUP_MARK, "setup");
        arm.advance(Duration.ofSeconds(60));
    }

    private long writes() {
        return arm.requests().stream().filter(r -> !r.method().equals("GET")).count();
    }

    private static ComputeStatus.ErrorInfo onlyError(ActionResult result) {
        assertThat(result).isInstanceOf(ActionResult.Failed.class);
        return ((ActionResult.Failed) result).errors().get(0);
    }

    @Nested
    class Ensure {

        @Test
        void createsAComputeThatDoesNotExist() {
            start();

            ActionResult result = perform(cluster(NAME, "STANDARD_DS3_V2", 0, 4));

            assertThat(result).isInstanceOf(ActionResult.Done.class);
            ActionResult.Done done = (ActionResult.Done) result;
            assertThat(done.outcome()).isEqualTo(Outcome.CREATED);
            assertThat(done.status().provisioningState()).isEqualTo("Creating");
            assertThat(arm.computeRequests()).extracting(RecordedRequest::method, RecordedRequest::status)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("GET", 404),
                            org.assertj.core.groups.Tuple.tuple("PUT", 201));
        }

        @Test
        void reusesAnExistingClusterOfTheSameTypeAndReportsDrift() {
            start();
            existingCluster(cluster(NAME, "STANDARD_DS3_V2", 0, 4));
            arm.emulator.clearRequests();

            ActionResult result = perform(cluster(NAME, "STANDARD_DS3_V2", 0, 8));

            ActionResult.Done done = (ActionResult.Done) result;
            assertThat(done.outcome()).isEqualTo(Outcome.EXISTING);
            assertThat(done.drift()).containsExactly(new Drift("maxNodes", "8", "4"));
            assertThat(done.status().provisioningState()).isEqualTo("Succeeded");
            assertThat(writes()).isZero();
        }

        @Test
        void reusesAnIdenticalClusterWithoutDrift() {
            start();
            existingCluster(cluster(NAME, "STANDARD_DS3_V2", 0, 4));

            ActionResult.Done done = (ActionResult.Done) perform(cluster(NAME, "standard_ds3_v2", 0, 4));

            assertThat(done.outcome()).isEqualTo(Outcome.EXISTING);
            assertThat(done.drift()).isEmpty();
        }

        @Test
        void reconcilesScaleDriftWithAPatch() {
            start();
            existingCluster(cluster(NAME, "STANDARD_DS3_V2", 0, 4));
            arm.emulator.clearRequests();

            ActionResult result = perform(cluster(NAME, "STANDARD_DS3_V2", 1, 6), OnExisting.RECONCILE,
                    OnFailedLeftover.FAIL);

            ActionResult.Done done = (ActionResult.Done) result;
            assertThat(done.outcome()).isEqualTo(Outcome.RECONCILED);
            assertThat(done.drift()).extracting(Drift::field).containsExactlyInAnyOrder("minNodes", "maxNodes");
            assertThat(done.status().provisioningState()).isEqualTo("Updating");
            assertThat(arm.lastRequest().method()).isEqualTo("PATCH");
            arm.advance(Duration.ofSeconds(5));
            ComputeResource after = arm.gateway.get(address(NAME), "check").orElseThrow();
            assertThat(after.cluster().minNodes()).isEqualTo(1);
            assertThat(after.cluster().maxNodes()).isEqualTo(6);
        }

        @Test
        void reconcileWithoutDriftChangesNothing() {
            start();
            existingCluster(cluster(NAME, "STANDARD_DS3_V2", 0, 4));
            arm.emulator.clearRequests();

            ActionResult.Done done = (ActionResult.Done) perform(cluster(NAME, "STANDARD_DS3_V2", 0, 4),
                    OnExisting.RECONCILE, OnFailedLeftover.FAIL);

            assertThat(done.outcome()).isEqualTo(Outcome.EXISTING);
            assertThat(writes()).isZero();
        }

        @Test
        void immutableDriftCannotBeReconciled() {
            start();
            existingCluster(cluster(NAME, "STANDARD_DS3_V2", 0, 4));
            arm.emulator.clearRequests();

            ActionResult result = perform(cluster(NAME, "STANDARD_NC6", 0, 8), OnExisting.RECONCILE,
                    OnFailedLeftover.FAIL);

            assertThat(onlyError(result).code()).isEqualTo("ImmutableFieldDrift");
            assertThat(onlyError(result).message()).contains("vmSize");
            assertThat(writes()).isZero();
        }

        @Test
        void failsWhenAskedToFailOnAnExistingCompute() {
            start();
            existingCluster(cluster(NAME, "STANDARD_DS3_V2", 0, 4));

            ActionResult result = perform(cluster(NAME, "STANDARD_DS3_V2", 0, 4), OnExisting.FAIL,
                    OnFailedLeftover.FAIL);

            assertThat(onlyError(result).code()).isEqualTo("ComputeExists");
        }

        @Test
        void anAttachedComputeOfAnotherTypeUnderTheNameIsAConflict() {
            start();
            existingAttach(EmulatedArm.databricks(NAME, EmulatedArm.TOKEN_REF));
            arm.emulator.clearRequests();

            ActionResult result = perform(cluster(NAME, "STANDARD_DS3_V2", 0, 4));

            assertThat(onlyError(result).code()).isEqualTo("ComputeConflict");
            assertThat(onlyError(result).message()).contains("Databricks").contains("attached");
            assertThat(writes()).isZero();
        }

        @Test
        void waitsWhileALeftoverIsBeingDeleted() {
            start();
            existingCluster(cluster(NAME, "STANDARD_DS3_V2", 0, 4));
            arm.gateway.delete(address(NAME), UnderlyingResourceAction.DELETE, "setup");

            ActionResult result = perform(cluster(NAME, "STANDARD_DS3_V2", 0, 4));

            assertThat(result).isInstanceOf(ActionResult.Wait.class);
            assertThat(((ActionResult.Wait) result).reason()).isEqualTo(ActionResult.WaitReason.DELETING_LEFTOVER);
        }

        @Test
        void aFailedLeftoverFailsWithArmsErrorsByDefault() {
            start();
            existingCluster(cluster(NAME, "STANDARD_NC24", 0, 2));
            arm.emulator.clearRequests();

            ActionResult result = perform(cluster(NAME, "STANDARD_NC24", 0, 2));

            assertThat(result).isInstanceOf(ActionResult.Failed.class);
            assertThat(((ActionResult.Failed) result).errors()).extracting(ComputeStatus.ErrorInfo::code)
                    .containsExactly("FailedLeftover", "QuotaExceeded");
            assertThat(writes()).isZero();
        }

        @Test
        void aFailedLeftoverIsDeletedThenCreatedAgainOnTheNextCallWhenReplaceIsAsked() {
            start();
            existingCluster(cluster(NAME, "STANDARD_NC24", 0, 2));
            EnsureAmlCompute wanted = cluster(NAME, "STANDARD_DS3_V2", 0, 2);

            ActionResult first = perform(wanted, OnExisting.REUSE, OnFailedLeftover.REPLACE);
            assertThat(first).isInstanceOf(ActionResult.Wait.class);
            assertThat(((ActionResult.Wait) first).code()).isEqualTo("ReplacingFailedCompute");
            assertThat(arm.lastRequest().method()).isEqualTo("DELETE");
            assertThat(arm.lastRequest().query()).contains("underlyingResourceAction=Delete");

            ActionResult stillDeleting = perform(wanted, OnExisting.REUSE, OnFailedLeftover.REPLACE);
            assertThat(((ActionResult.Wait) stillDeleting).reason())
                    .isEqualTo(ActionResult.WaitReason.DELETING_LEFTOVER);

            arm.advance(Duration.ofSeconds(5));
            ActionResult recreated = perform(wanted, OnExisting.REUSE, OnFailedLeftover.REPLACE);
            assertThat(((ActionResult.Done) recreated).outcome()).isEqualTo(Outcome.CREATED);
            assertThat(arm.lastRequest().method()).isEqualTo("PUT");
            arm.advance(Duration.ofSeconds(10));
            assertThat(arm.gateway.get(address(NAME), "check").orElseThrow().status().provisioningState())
                    .isEqualTo("Succeeded");
        }

        @Test
        void losingThePutRaceToAnotherCreatorContinuesWithTheExistingCompute() {
            start(Duration.ZERO);
            actions = new ComputeActions(new RacingGateway(arm.gateway,
                    () -> arm.gateway.create(address(NAME), cluster(NAME, "STANDARD_DS3_V2", 0, 2), EmulatedArm.SETUP_MARK, "other-process")));

            ActionResult result = perform(cluster(NAME, "STANDARD_DS3_V2", 0, 4));

            ActionResult.Done done = (ActionResult.Done) result;
            assertThat(done.outcome()).isEqualTo(Outcome.EXISTING);
            assertThat(done.drift()).containsExactly(new Drift("maxNodes", "4", "2"));
            assertThat(arm.computeRequests()).extracting(RecordedRequest::method, RecordedRequest::status)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("GET", 404),
                            org.assertj.core.groups.Tuple.tuple("PUT", 201),
                            org.assertj.core.groups.Tuple.tuple("PUT", 409),
                            org.assertj.core.groups.Tuple.tuple("GET", 200));
        }

        @Test
        void racingACreatorStillProvisioningWaitsForItsOperation() {
            start();
            actions = new ComputeActions(new RacingGateway(arm.gateway,
                    () -> arm.gateway.create(address(NAME), cluster(NAME, "STANDARD_DS3_V2", 0, 2), EmulatedArm.SETUP_MARK, "other-process")));

            ActionResult result = perform(cluster(NAME, "STANDARD_DS3_V2", 0, 4));

            assertThat(result).isInstanceOf(ActionResult.Wait.class);
            assertThat(((ActionResult.Wait) result).reason()).isEqualTo(ActionResult.WaitReason.OPERATION_IN_PROGRESS);
        }

        @Test
        void longThrottlingBecomesADurableWaitWithArmsRetryAfter() {
            start();
            arm.emulator.faults().add(FaultRule.on("GET", ".*/computes/" + NAME).throttle(Duration.ofSeconds(600))
                    .times(1));

            ActionResult result = perform(cluster(NAME, "STANDARD_DS3_V2", 0, 4));

            ActionResult.Wait wait = (ActionResult.Wait) result;
            assertThat(wait.reason()).isEqualTo(ActionResult.WaitReason.THROTTLED);
            assertThat(wait.retryAfter()).isEqualTo(Duration.ofSeconds(600));
            assertThat(writes()).isZero();
        }

        @Test
        void anUnavailableSecretFailsWithoutWriting() {
            start();
            EnsureAmlCompute base = EmulatedArm.fullCluster(NAME);
            EnsureAmlCompute withMissingSecret = new EnsureAmlCompute(NAME, base.vmSize(), base.vmPriority(),
                    base.scale(), base.location(), base.subnetId(), base.identity(), base.osType(),
                    base.remoteLoginPortPublicAccess(), base.enableNodePublicIp(),
                    new io.amlcompute.provisioner.contract.AdminUser("azureuser", new SecretRef("local:missing"), null,
                            null), base.tags(), base.description());

            ActionResult result = perform(withMissingSecret);

            assertThat(onlyError(result).code()).isEqualTo("SecretNotFound");
            assertThat(writes()).isZero();
        }
    }

    @Nested
    class Attach {

        @Test
        void attachesWhatIsNotThere() {
            start();

            ActionResult.Done done = (ActionResult.Done) perform(EmulatedArm.databricks(NAME, EmulatedArm.TOKEN_REF));

            assertThat(done.outcome()).isEqualTo(Outcome.ATTACHED);
            assertThat(done.status().provisioningState()).isEqualTo("Creating");
        }

        @Test
        void reusesTheSameAttachment() {
            start();
            existingAttach(EmulatedArm.kubernetes(NAME));
            arm.emulator.clearRequests();

            ActionResult.Done done = (ActionResult.Done) perform(EmulatedArm.kubernetes(NAME));

            assertThat(done.outcome()).isEqualTo(Outcome.EXISTING);
            assertThat(done.drift()).isEmpty();
            assertThat(writes()).isZero();
        }

        @Test
        void anAttachmentToAnotherResourceIsAConflict() {
            start();
            existingAttach(EmulatedArm.kubernetes(NAME));

            ActionResult result = perform(new AttachCompute(NAME, new AttachTarget.Kubernetes(ARC_ID, null, null),
                    null, null));

            assertThat(onlyError(result).code()).isEqualTo("ComputeConflict");
            assertThat(onlyError(result).message()).contains(EmulatedArm.AKS_ID);
        }

        @Test
        void aManagedClusterUnderTheNameIsAConflict() {
            start();
            existingCluster(cluster(NAME, "STANDARD_DS3_V2", 0, 4));

            ActionResult result = perform(EmulatedArm.synapseSpark(NAME));

            assertThat(onlyError(result).code()).isEqualTo("ComputeConflict");
            assertThat(onlyError(result).message()).contains("AmlCompute");
        }

        @Test
        void aWrongDatabricksTokenFailsAsForbidden() {
            start();

            ActionResult result = perform(EmulatedArm.databricks(NAME, EmulatedArm.WRONG_TOKEN_REF));

            assertThat(onlyError(result).code()).isEqualTo("Forbidden");
            assertThat(onlyError(result).message()).contains("Invalid access token")
                    .doesNotContain("dapi-stale-secret-token");
            assertThat(arm.gateway.get(address(NAME), "check")).isEmpty();
        }

        @Test
        void failsWhenAskedToFailOnAnExistingAttachment() {
            start();
            existingAttach(EmulatedArm.hdInsight(NAME));

            ActionResult result = perform(EmulatedArm.hdInsight(NAME), OnExisting.FAIL, OnFailedLeftover.FAIL);

            assertThat(onlyError(result).code()).isEqualTo("ComputeExists");
        }
    }

    @Nested
    class Update {

        @Test
        void patchesTheScaleSettingsOfAnExistingCluster() {
            start();
            existingCluster(cluster(NAME, "STANDARD_DS3_V2", 0, 4));

            ActionResult.Done done = (ActionResult.Done) perform(new UpdateScaleSettings(NAME,
                    new ScaleSettings(0, 10, Duration.ofMinutes(10)), true));

            assertThat(done.outcome()).isEqualTo(Outcome.UPDATED);
            assertThat(done.status().provisioningState()).isEqualTo("Updating");
            assertThat(arm.lastRequest().method()).isEqualTo("PATCH");
        }

        @Test
        void aClusterThatDoesNotExistCannotBeUpdated() {
            start();

            ActionResult result = perform(new UpdateScaleSettings(NAME, new ScaleSettings(0, 2, Duration.ZERO), false));

            assertThat(onlyError(result).code()).isEqualTo("ComputeNotFound");
        }

        @Test
        void anAttachedComputeCannotBeUpdated() {
            start();
            existingAttach(EmulatedArm.synapseSpark(NAME));

            ActionResult result = perform(new UpdateScaleSettings(NAME, new ScaleSettings(0, 2, Duration.ZERO), false));

            assertThat(onlyError(result).code()).isEqualTo("ComputeConflict");
        }

        @Test
        void aClusterStillBeingCreatedMakesTheUpdateWait() {
            start();
            arm.gateway.create(address(NAME), cluster(NAME, "STANDARD_DS3_V2", 0, 4), EmulatedArm.SETUP_MARK, "setup");

            ActionResult result = perform(new UpdateScaleSettings(NAME, new ScaleSettings(0, 2, Duration.ZERO), false));

            assertThat(((ActionResult.Wait) result).reason()).isEqualTo(ActionResult.WaitReason.OPERATION_IN_PROGRESS);
        }

        @Test
        void aFailedClusterCannotBeUpdated() {
            start();
            existingCluster(cluster(NAME, "STANDARD_NC24", 0, 2));

            ActionResult result = perform(new UpdateScaleSettings(NAME, new ScaleSettings(0, 4, Duration.ZERO), false));

            assertThat(onlyError(result).code()).isEqualTo("FailedLeftover");
        }
    }

    @Nested
    class DetachAndDelete {

        @Test
        void detachOfSomethingAbsentIsDoneWithoutWriting() {
            start();

            ActionResult.Done done = (ActionResult.Done) perform(new DetachCompute(NAME, null));

            assertThat(done.outcome()).isEqualTo(Outcome.DETACHED);
            assertThat(done.status()).isNull();
            assertThat(writes()).isZero();
        }

        @Test
        void detachesAnAttachedCompute() {
            start();
            existingAttach(EmulatedArm.virtualMachine(NAME));

            ActionResult.Done done = (ActionResult.Done) perform(new DetachCompute(NAME, ComputeType.VIRTUAL_MACHINE));

            assertThat(done.outcome()).isEqualTo(Outcome.DETACHED);
            assertThat(done.status().provisioningState()).isEqualTo("Deleting");
            assertThat(arm.lastRequest().query()).contains("underlyingResourceAction=Detach");
            arm.advance(Duration.ofSeconds(5));
            assertThat(arm.gateway.get(address(NAME), "check")).isEmpty();
        }

        @Test
        void detachOfAManagedClusterIsAConflict() {
            start();
            existingCluster(cluster(NAME, "STANDARD_DS3_V2", 0, 4));
            arm.emulator.clearRequests();

            ActionResult result = perform(new DetachCompute(NAME, null));

            assertThat(onlyError(result).code()).isEqualTo("ComputeConflict");
            assertThat(writes()).isZero();
        }

        @Test
        void detachOfAnotherTypeThanExpectedIsAConflict() {
            start();
            existingAttach(EmulatedArm.virtualMachine(NAME));

            ActionResult result = perform(new DetachCompute(NAME, ComputeType.DATABRICKS));

            assertThat(onlyError(result).code()).isEqualTo("ComputeConflict");
        }

        @Test
        void deleteOfSomethingAbsentIsDoneWithoutWriting() {
            start();

            ActionResult.Done done = (ActionResult.Done) perform(new DeleteCompute(NAME));

            assertThat(done.outcome()).isEqualTo(Outcome.DELETED);
            assertThat(done.status()).isNull();
            assertThat(writes()).isZero();
        }

        @Test
        void deletesAManagedCluster() {
            start();
            existingCluster(cluster(NAME, "STANDARD_DS3_V2", 0, 4));

            ActionResult.Done done = (ActionResult.Done) perform(new DeleteCompute(NAME));

            assertThat(done.outcome()).isEqualTo(Outcome.DELETED);
            assertThat(done.status().provisioningState()).isEqualTo("Deleting");
            assertThat(arm.lastRequest().query()).contains("underlyingResourceAction=Delete");
        }

        @Test
        void deleteOfAnAttachedComputeIsAConflict() {
            start();
            existingAttach(EmulatedArm.databricks(NAME, EmulatedArm.TOKEN_REF));

            ActionResult result = perform(new DeleteCompute(NAME));

            assertThat(onlyError(result).code()).isEqualTo("ComputeConflict");
        }
    }

    /**
     * The real gateway, with another process's create slipped in between this process's GET and PUT: the only way to
     * lose the race for a name within one process, where ComputeActions serializes steps per compute.
     */
    private record RacingGateway(ComputeGateway delegate, Runnable competitor) implements ComputeGateway {

        @Override
        public Optional<ComputeResource> get(ComputeAddress address, String correlationId) {
            return delegate.get(address, correlationId);
        }

        @Override
        public ComputeResource create(ComputeAddress address, EnsureAmlCompute cluster, CreatorMark mark,
                                      String correlationId) {
            competitor.run();
            return delegate.create(address, cluster, mark, correlationId);
        }

        @Override
        public ComputeResource attach(ComputeAddress address, AttachCompute attach, CreatorMark mark,
                                      String correlationId) {
            return delegate.attach(address, attach, mark, correlationId);
        }

        @Override
        public ComputeResource createInstance(ComputeAddress address,
                                              io.amlcompute.provisioner.contract.EnsureComputeInstance instance,
                                              CreatorMark mark, String correlationId) {
            competitor.run();
            return delegate.createInstance(address, instance, mark, correlationId);
        }

        @Override
        public void start(ComputeAddress address, String correlationId) {
            delegate.start(address, correlationId);
        }

        @Override
        public void stop(ComputeAddress address, String correlationId) {
            delegate.stop(address, correlationId);
        }

        @Override
        public void restart(ComputeAddress address, String correlationId) {
            delegate.restart(address, correlationId);
        }

        @Override
        public ComputeResource updateScale(ComputeAddress address, UpdateScaleSettings update, String correlationId) {
            return delegate.updateScale(address, update, correlationId);
        }

        @Override
        public boolean delete(ComputeAddress address, UnderlyingResourceAction action, String correlationId) {
            return delegate.delete(address, action, correlationId);
        }
    }
}
