package io.amlcompute.provisioner.provisioning.preflight;

import io.amlcompute.provisioner.contract.Action;
import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.contract.EnsureComputeInstance;
import io.amlcompute.provisioner.contract.InstancePowerChange;
import io.amlcompute.provisioner.contract.OnExisting;
import io.amlcompute.provisioner.contract.OnFailedLeftover;
import io.amlcompute.provisioner.contract.PreflightMode;
import io.amlcompute.provisioner.contract.RequestOptions;
import io.amlcompute.provisioner.contract.VmPriority;
import io.amlcompute.provisioner.provisioning.ComputeResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CapacityNeedTest {

    @Test
    void anInstancesCreateNeedsOneDedicatedNodeOfTheRequestedSizeInTheWorkspacesRegion() {
        ComputeRequest request = Offers.ensureInstance("Standard_DS3_v2", PreflightMode.ENFORCE);

        CapacityNeed need = CapacityNeed.toCreateInstance(request, (EnsureComputeInstance) request.operation());

        assertThat(need.computeType()).isEqualTo("ComputeInstance");
        assertThat(need.vmSize()).isEqualTo("Standard_DS3_v2");
        assertThat(need.priority()).isEqualTo(VmPriority.DEDICATED);
        assertThat(need.region()).as("the workspace's, read when checked").isNull();
        assertThat(List.of(need.nodesNow(), need.nodesAtMax(), need.nodesHeld())).containsExactly(1, 1, 0);
        assertThat(need.paths().vmSize()).isEqualTo("$.compute.vmSize");
        assertThat(need.paths().nodesNow()).isEqualTo("$.compute.vmSize");
    }

    @Test
    void anInstancesStartNeedsOneNodeOfTheSizeArmReturnsAndPointsAtTheComputeName() {
        ComputeRequest start = new ComputeRequest("req-start-1", "corr-1", Offers.WORKSPACE,
                new InstancePowerChange("ci-alice", Action.START),
                new RequestOptions(Duration.ofMinutes(30), 0, OnExisting.REUSE, OnFailedLeftover.FAIL,
                        PreflightMode.ENFORCE));

        CapacityNeed need = CapacityNeed.toStartInstance(start, stoppedInstance("Standard_E4s_v3")).orElseThrow();

        assertThat(need.vmSize()).isEqualTo("Standard_E4s_v3");
        assertThat(need.region()).isEqualTo("westeurope");
        assertThat(List.of(need.nodesNow(), need.nodesAtMax(), need.nodesHeld())).containsExactly(1, 1, 0);
        assertThat(need.paths().vmSize()).isEqualTo("$.compute.name");
        assertThat(need.paths().nodesNow()).isEqualTo("$.compute.name");
        assertThat(CapacityNeed.toStartInstance(start, stoppedInstance(null))).as("no size, nothing to check")
                .isEmpty();
    }

    static ComputeResource stoppedInstance(String vmSize) {
        return new ComputeResource("/subscriptions/x/computes/ci-alice", "ComputeInstance", false, null, "westeurope",
                null, new ComputeStatus("Succeeded", null, null, List.of(), null), null, Map.of(),
                new ComputeResource.InstanceSettings(vmSize, null, null, null, "Personal", "Disabled", true, "PT1H",
                        false, List.of()));
    }
}
