package io.amlcompute.provisioner.arm;

import io.amlcompute.provisioner.contract.Action;
import io.amlcompute.provisioner.contract.ComputeOperation;
import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.contract.InstancePowerChange;
import io.amlcompute.provisioner.contract.OnExisting;
import io.amlcompute.provisioner.contract.OnFailedLeftover;
import io.amlcompute.provisioner.contract.PreflightMode;
import io.amlcompute.provisioner.contract.RequestOptions;
import io.amlcompute.provisioner.contract.event.Outcome;
import io.amlcompute.provisioner.local.arm.RecordedRequest;
import io.amlcompute.provisioner.provisioning.ActionResult;
import io.amlcompute.provisioner.provisioning.ComputeActions;
import io.amlcompute.provisioner.provisioning.preflight.Preflight;
import io.amlcompute.provisioner.provisioning.preflight.PreflightPolicy;
import io.amlcompute.provisioner.provisioning.preflight.PreflightVerdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.amlcompute.provisioner.arm.EmulatedArm.address;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The region pre-flight of a compute instance's create and start over HTTP: the real gateway's region reads against
 * the ARM emulator, whose westeurope has 24 dedicated vCPUs of the DSv2 family with 20 of them in use elsewhere, so 4
 * are left: one Standard_DS3_v2 instance (4 vCPUs) fits, a second does not. Creation takes 10 s, a power action 4 s.
 */
class InstancePreflightOverArmTest {

    private static final String NAME = "ci-alice";
    private static final String FAMILY_ROW = "Standard DSv2 Family Cluster Dedicated vCPUs";

    private EmulatedArm arm;
    private ComputeActions actions;
    private int requests;

    @AfterEach
    void stop() {
        if (arm != null) {
            arm.close();
        }
    }

    private void start(long inUseElsewhere) {
        arm = EmulatedArm.start(b -> b.region("westeurope", r -> r.familyQuota("standardDSv2Family", "Dedicated", 24)
                .inUseElsewhere("standardDSv2Family", "Dedicated", inUseElsewhere)));
        // No cache: each check sees the usage as it is, instances started and stopped a moment ago included.
        actions = new ComputeActions(arm.gateway, new Preflight(arm.gateway.regionReader(),
                new PreflightPolicy(false, Duration.ZERO), arm.clock));
    }

    private ActionResult perform(ComputeOperation operation, PreflightMode mode) {
        return actions.perform(new ComputeRequest("req-ci-" + ++requests, "corr-ci", EmulatedArm.WORKSPACE, operation,
                new RequestOptions(Duration.ofMinutes(30), 0, OnExisting.REUSE, OnFailedLeftover.FAIL, mode)));
    }

    /** An instance made and stopped directly through the gateway, as someone else's request would have. */
    private void stoppedInstance(String name) {
        arm.gateway.createInstance(address(name), EmulatedArm.instance(name), EmulatedArm.SETUP_MARK, "setup");
        arm.advance(Duration.ofSeconds(10));
        arm.gateway.stop(address(name), "setup");
        arm.advance(Duration.ofSeconds(4));
    }

    private List<RecordedRequest> writesSince(int index) {
        return arm.requests().subList(index, arm.requests().size()).stream()
                .filter(r -> !r.method().equals("GET")).toList();
    }

    private long regionReads() {
        return arm.requests().stream().filter(r -> r.path().contains("/locations/westeurope/")).count();
    }

    private static ComputeStatus.ErrorInfo refusal(ActionResult result) {
        assertThat(result).isInstanceOf(ActionResult.Failed.class);
        ActionResult.Failed failed = (ActionResult.Failed) result;
        assertThat(failed.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(failed.errors()).hasSize(1);
        return failed.errors().get(0);
    }

    @Test
    void enforceRefusesAnInstancesCreateBeforeThePutWithTheNumbers() {
        start(22);

        ComputeStatus.ErrorInfo error = refusal(perform(EmulatedArm.instance(NAME), PreflightMode.ENFORCE));

        assertThat(error.code()).isEqualTo("PREFLIGHT_FAMILY_QUOTA_EXCEEDED");
        assertThat(error.path()).isEqualTo("$.compute.vmSize");
        assertThat(error.quota().name()).isEqualTo(FAMILY_ROW);
        assertThat(List.of(error.quota().available(), error.quota().needed(), (long) error.quota().nodes()))
                .containsExactly(2L, 4L, 1L);
        assertThat(error.message()).startsWith("Compute instance ci-alice needs 4 vCPUs of Standard_DS3_v2 to run,"
                + " but only 2 of the 24 vCPUs");
        assertThat(writesSince(0)).as("nothing was created").isEmpty();
    }

    @Test
    void warnCreatesTheInstanceAndCarriesTheFindingAsAWarning() {
        start(22);

        ActionResult result = perform(EmulatedArm.instance(NAME), PreflightMode.WARN);

        assertThat(result).isInstanceOfSatisfying(ActionResult.Done.class, done -> {
            assertThat(done.outcome()).isEqualTo(Outcome.CREATED);
            assertThat(done.warnings()).extracting(ComputeStatus.ErrorInfo::code)
                    .containsExactly("PREFLIGHT_FAMILY_QUOTA_EXCEEDED");
        });
        assertThat(writesSince(0)).extracting(RecordedRequest::method).containsExactly("PUT");
    }

    @Test
    void offCreatesTheInstanceWithoutReadingTheRegion() {
        start(22);

        ActionResult result = perform(EmulatedArm.instance(NAME), PreflightMode.OFF);

        assertThat(result).isInstanceOfSatisfying(ActionResult.Done.class, done ->
                assertThat(done.outcome()).isEqualTo(Outcome.CREATED));
        assertThat(regionReads()).isZero();
    }

    @Test
    void anEnsureThatFindsTheInstanceWritesNothingAndReadsNoRegion() {
        start(22);
        stoppedInstance(NAME);

        ActionResult result = perform(EmulatedArm.instance(NAME), PreflightMode.ENFORCE);

        assertThat(result).isInstanceOfSatisfying(ActionResult.Done.class, done ->
                assertThat(done.outcome()).isEqualTo(Outcome.EXISTING));
        assertThat(regionReads()).isZero();
    }

    @Test
    void aStartOfAStoppedInstanceInARegionWithoutQuotaIsRefusedAndNothingIsPosted() {
        start(22);
        stoppedInstance(NAME);
        int before = arm.requests().size();

        ComputeStatus.ErrorInfo error = refusal(perform(new InstancePowerChange(NAME, Action.START),
                PreflightMode.ENFORCE));

        assertThat(error.code()).isEqualTo("PREFLIGHT_FAMILY_QUOTA_EXCEEDED");
        assertThat(error.path()).as("a start names no size: the instance's").isEqualTo("$.compute.name");
        assertThat(error.message()).contains("Stop another instance or scale a cluster down")
                .doesNotContain("Choose a VM size");
        assertThat(writesSince(before)).as("no start POST").isEmpty();
        assertThat(arm.gateway.get(address(NAME), "check").orElseThrow().status().instance().state())
                .isEqualTo("Stopped");
    }

    @Test
    void aStartUnderWarnPostsAndCarriesTheFinding() {
        start(22);
        stoppedInstance(NAME);
        int before = arm.requests().size();

        ActionResult result = perform(new InstancePowerChange(NAME, Action.START), PreflightMode.WARN);

        assertThat(result).isInstanceOfSatisfying(ActionResult.Done.class, done -> {
            assertThat(done.outcome()).isEqualTo(Outcome.STARTED);
            assertThat(done.warnings()).extracting(ComputeStatus.ErrorInfo::code)
                    .containsExactly("PREFLIGHT_FAMILY_QUOTA_EXCEEDED");
        });
        assertThat(writesSince(before)).extracting(RecordedRequest::method).containsExactly("POST");
    }

    @Test
    void aStartOfARunningOrStartingInstanceReadsNoRegion() {
        start(22);
        stoppedInstance(NAME);
        arm.gateway.start(address(NAME), "setup");

        ActionResult joined = perform(new InstancePowerChange(NAME, Action.START), PreflightMode.ENFORCE);
        arm.advance(Duration.ofSeconds(4));
        ActionResult running = perform(new InstancePowerChange(NAME, Action.START), PreflightMode.ENFORCE);

        assertThat(joined).isInstanceOfSatisfying(ActionResult.Done.class, done ->
                assertThat(done.outcome()).as("joined the start under way").isEqualTo(Outcome.STARTED));
        assertThat(running).isInstanceOfSatisfying(ActionResult.Done.class, done ->
                assertThat(done.outcome()).isEqualTo(Outcome.EXISTING));
        assertThat(regionReads()).isZero();
    }

    @Test
    void aRunningInstanceHoldsItsVCpusSoASecondIsRefusedUntilTheFirstIsStopped() {
        start(18);

        ActionResult first = perform(EmulatedArm.instance(NAME), PreflightMode.ENFORCE);
        arm.advance(Duration.ofSeconds(10));
        ComputeStatus.ErrorInfo whileRunning = refusal(perform(EmulatedArm.instance("ci-bob"),
                PreflightMode.ENFORCE));
        perform(new InstancePowerChange(NAME, Action.STOP), PreflightMode.ENFORCE);
        arm.advance(Duration.ofSeconds(4));
        ActionResult once = perform(EmulatedArm.instance("ci-bob"), PreflightMode.ENFORCE);

        assertThat(first).isInstanceOf(ActionResult.Done.class);
        assertThat(whileRunning.quota().used()).as("18 elsewhere and ci-alice's 4").isEqualTo(22);
        assertThat(once).as("ci-alice stopped: her VM is deallocated").isInstanceOfSatisfying(ActionResult.Done.class,
                done -> assertThat(done.outcome()).isEqualTo(Outcome.CREATED));
    }

    @Test
    void thePreviewOfAStartChecksTheRegionOnlyWhenTheStartWouldPost() {
        start(22);
        stoppedInstance(NAME);
        ComputeRequest startRequest = new ComputeRequest("req-preview", "corr-ci", EmulatedArm.WORKSPACE,
                new InstancePowerChange(NAME, Action.START), new RequestOptions(Duration.ofMinutes(30), 0,
                OnExisting.REUSE, OnFailedLeftover.FAIL, PreflightMode.ENFORCE));

        PreflightVerdict whileStopped = actions.preview(startRequest);
        long readsWhileStopped = regionReads();
        arm.gateway.start(address(NAME), "setup");
        arm.advance(Duration.ofSeconds(4));
        PreflightVerdict whileRunning = actions.preview(startRequest);

        assertThat(whileStopped).isInstanceOfSatisfying(PreflightVerdict.Refuse.class, refuse ->
                assertThat(refuse.errors().get(0).code()).isEqualTo("PREFLIGHT_FAMILY_QUOTA_EXCEEDED"));
        assertThat(whileRunning).isEqualTo(PreflightVerdict.proceed());
        assertThat(regionReads()).as("no region read for a running instance").isEqualTo(readsWhileStopped);
        assertThat(arm.requests().stream().filter(r -> r.method().equals("POST")).count())
                .as("the setup's stop and start only").isEqualTo(2);
    }
}
