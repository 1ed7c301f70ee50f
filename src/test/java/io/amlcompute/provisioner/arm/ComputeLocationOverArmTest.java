package io.amlcompute.provisioner.arm;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.EnsureAmlCompute;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.contract.OnExisting;
import io.amlcompute.provisioner.contract.OnFailedLeftover;
import io.amlcompute.provisioner.contract.OsType;
import io.amlcompute.provisioner.contract.RemoteLoginPortPublicAccess;
import io.amlcompute.provisioner.contract.RequestOptions;
import io.amlcompute.provisioner.contract.ScaleSettings;
import io.amlcompute.provisioner.contract.VmPriority;
import io.amlcompute.provisioner.contract.event.Drift;
import io.amlcompute.provisioner.contract.event.Outcome;
import io.amlcompute.provisioner.local.arm.FaultRule;
import io.amlcompute.provisioner.local.arm.RecordedRequest;
import io.amlcompute.provisioner.provisioning.ActionResult;
import io.amlcompute.provisioner.provisioning.ComputeActions;
import io.amlcompute.provisioner.provisioning.ComputeResource;
import io.amlcompute.provisioner.provisioning.ErrorKind;
import io.amlcompute.provisioner.provisioning.ProvisioningException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.amlcompute.provisioner.arm.EmulatedArm.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Where the gateway puts a compute: the envelope {@code location} is always the workspace's region, read with
 * Workspaces_Get (the emulator refuses anything else, as the issue reports identity assignment failing otherwise);
 * a requested region travels as {@code properties.computeLocation}, and drift compares that.
 */
class ComputeLocationOverArmTest {

    private static final String NAME = "cpu-cluster";
    private static final String OTHER_REGION = "northeurope";

    private EmulatedArm arm;

    @AfterEach
    void stop() {
        if (arm != null) {
            arm.close();
        }
    }

    private static EnsureAmlCompute clusterIn(String location) {
        return new EnsureAmlCompute(NAME, "STANDARD_DS3_V2", VmPriority.DEDICATED,
                new ScaleSettings(0, 4, Duration.ofSeconds(120)), location, null, null, OsType.LINUX,
                RemoteLoginPortPublicAccess.DISABLED, true, null, Map.of(), null);
    }

    private JsonNode lastPutBody() throws IOException {
        List<RecordedRequest> puts = arm.requests().stream().filter(r -> r.method().equals("PUT")).toList();
        return Json.MAPPER.readTree(puts.get(puts.size() - 1).body());
    }

    private int requests;

    /** Each call is a request of its own (its own requestId). */
    private ActionResult ensure(EnsureAmlCompute cluster, OnExisting onExisting) {
        requests++;
        return new ComputeActions(arm.gateway).perform(new ComputeRequest("req-location-" + requests, "corr-location",
                EmulatedArm.WORKSPACE, cluster, new RequestOptions(Duration.ofMinutes(30), 0, onExisting,
                OnFailedLeftover.FAIL)));
    }

    @Test
    void aRequestedRegionIsSentAsComputeLocationWithTheWorkspaceRegionInTheEnvelope() throws IOException {
        arm = EmulatedArm.start();

        arm.gateway.create(address(NAME), clusterIn(OTHER_REGION), EmulatedArm.SETUP_MARK, "corr");

        JsonNode body = lastPutBody();
        assertThat(body.path("location").asText()).isEqualTo(EmulatedArm.LOCATION);
        assertThat(body.path("properties").path("computeLocation").asText()).isEqualTo(OTHER_REGION);
        assertThat(arm.lastRequest().status()).isEqualTo(201);
        ComputeResource read = arm.gateway.get(address(NAME), "corr").orElseThrow();
        assertThat(read.computeLocation()).isEqualTo(OTHER_REGION);
    }

    @Test
    void withoutARequestedRegionTheEnvelopeStillCarriesTheWorkspaceRegionAndNoComputeLocationIsSent()
            throws IOException {
        arm = EmulatedArm.start();

        arm.gateway.create(address(NAME), clusterIn(null), EmulatedArm.SETUP_MARK, "corr");

        JsonNode body = lastPutBody();
        assertThat(body.path("location").asText()).isEqualTo(EmulatedArm.LOCATION);
        assertThat(body.path("properties").has("computeLocation")).isFalse();
        assertThat(arm.gateway.get(address(NAME), "corr").orElseThrow().computeLocation())
                .isEqualTo(EmulatedArm.LOCATION);
    }

    @Test
    void anAttachIsPlacedInTheWorkspaceRegionWithoutComputeLocation() throws IOException {
        arm = EmulatedArm.start();

        arm.gateway.attach(address("dsvm"), EmulatedArm.virtualMachine("dsvm"), EmulatedArm.SETUP_MARK, "corr");

        JsonNode body = lastPutBody();
        assertThat(body.path("location").asText()).isEqualTo(EmulatedArm.LOCATION);
        assertThat(body.path("properties").has("computeLocation")).isFalse();
        assertThat(arm.lastRequest().status()).isEqualTo(201);
    }

    @Test
    void theWorkspaceRegionIsReadOncePerWorkspace() {
        arm = EmulatedArm.start();

        arm.gateway.create(address(NAME), clusterIn(null), EmulatedArm.SETUP_MARK, "corr-1");
        arm.gateway.attach(address("dsvm"), EmulatedArm.virtualMachine("dsvm"), EmulatedArm.SETUP_MARK, "corr-2");

        assertThat(arm.requests()).filteredOn(r -> r.path().equals(EmulatedArm.WORKSPACE.armId()))
                .singleElement().satisfies(r -> {
                    assertThat(r.method()).isEqualTo("GET");
                    assertThat(r.status()).isEqualTo(200);
                });
    }

    @Test
    void aWorkspaceTheIdentityMayNotReadStopsThePutWithArmsForbidden() {
        arm = EmulatedArm.start();
        arm.emulator.faults().add(FaultRule.on("GET", EmulatedArm.WORKSPACE.armId()).error(403,
                "AuthorizationFailed", "The client does not have authorization to perform action "
                        + "'Microsoft.MachineLearningServices/workspaces/read'.").always());

        ProvisioningException e = catchThrowableOfType(ProvisioningException.class,
                () -> arm.gateway.create(address(NAME), clusterIn(null), EmulatedArm.SETUP_MARK, "corr"));

        assertThat(e.kind()).isEqualTo(ErrorKind.FORBIDDEN);
        assertThat(e.getMessage()).contains("workspaces/read");
        assertThat(arm.computeRequests()).isEmpty();
    }

    @Test
    void aClusterInAnotherRegionThanTheWorkspaceIsNotDriftWhenTheRequestAsksForThatRegion() {
        arm = EmulatedArm.start(b -> b.provisioningTime(Duration.ZERO));
        assertThat(((ActionResult.Done) ensure(clusterIn(OTHER_REGION), OnExisting.REUSE)).outcome())
                .isEqualTo(Outcome.CREATED);

        ActionResult again = ensure(clusterIn(OTHER_REGION), OnExisting.RECONCILE);

        assertThat(again).isInstanceOf(ActionResult.Done.class);
        assertThat(((ActionResult.Done) again).outcome()).isEqualTo(Outcome.EXISTING);
        assertThat(((ActionResult.Done) again).drift()).isEmpty();
    }

    @Test
    void aClusterInAnotherRegionThanRequestedIsLocationDriftThatReconcileCannotFix() {
        arm = EmulatedArm.start(b -> b.provisioningTime(Duration.ZERO));
        ensure(clusterIn(OTHER_REGION), OnExisting.REUSE);

        ActionResult reused = ensure(clusterIn("eastus"), OnExisting.REUSE);
        ActionResult reconciled = ensure(clusterIn("eastus"), OnExisting.RECONCILE);

        assertThat(((ActionResult.Done) reused).drift()).containsExactly(new Drift("location", "eastus",
                OTHER_REGION));
        assertThat(reconciled).isInstanceOf(ActionResult.Failed.class);
        assertThat(((ActionResult.Failed) reconciled).errors().get(0).code()).isEqualTo("ImmutableFieldDrift");
    }
}
