package io.amlcompute.provisioner.provisioning;

import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.contract.EnsureAmlCompute;
import io.amlcompute.provisioner.contract.OsType;
import io.amlcompute.provisioner.contract.RemoteLoginPortPublicAccess;
import io.amlcompute.provisioner.contract.ScaleSettings;
import io.amlcompute.provisioner.contract.VmPriority;
import io.amlcompute.provisioner.contract.event.Drift;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DriftDetectorTest {

    @Test
    void reportsNoDriftWhenTheClusterMatches() {
        assertThat(DriftDetector.of(Operations.ensure("aml-cluster", 0, 4), cluster("STANDARD_DS3_V2", 0, 4, "PT120S")))
                .isEmpty();
    }

    @Test
    void reportsEachDifferingFieldWithBothValues() {
        List<Drift> drift = DriftDetector.of(Operations.ensure("aml-cluster", 0, 4), cluster("Standard_NC6", 1, 2, "PT30M"));

        assertThat(drift).containsExactlyInAnyOrder(
                new Drift("vmSize", "Standard_DS3_v2", "Standard_NC6"),
                new Drift("minNodes", "0", "1"),
                new Drift("maxNodes", "4", "2"),
                new Drift("idleSecondsBeforeScaleDown", "120", "1800"));
        assertThat(DriftDetector.reconcilable(drift)).isFalse();
    }

    @Test
    void scaleOnlyDriftIsReconcilable() {
        List<Drift> drift = DriftDetector.of(Operations.ensure("aml-cluster", 0, 4), cluster("Standard_DS3_v2", 0, 8, "PT120S"));

        assertThat(drift).containsExactly(new Drift("maxNodes", "4", "8"));
        assertThat(DriftDetector.reconcilable(drift)).isTrue();
    }

    @Test
    void fieldsArmLeavesOutAreNotDrift() {
        ComputeResource sparse = new ComputeResource("/x", "AmlCompute", false, null, null, null,
                new ComputeStatus("Creating", null, null, List.of()),
                new ComputeResource.ClusterSettings(null, null, null, null, null, null, null, null, null), Map.of());

        assertThat(DriftDetector.of(Operations.ensure("aml-cluster", 0, 4), sparse)).isEmpty();
    }

    @Test
    void theRequestedRegionIsComparedWithTheComputesOwnRegion() {
        EnsureAmlCompute inNorthEurope = new EnsureAmlCompute("aml-cluster", "Standard_DS3_v2", VmPriority.DEDICATED,
                new ScaleSettings(0, 4, Duration.ofSeconds(120)), "northeurope", null, null, OsType.LINUX,
                RemoteLoginPortPublicAccess.NOT_SPECIFIED, true, null, Map.of(), null);

        assertThat(DriftDetector.of(inNorthEurope, cluster("Standard_DS3_v2", 0, 4, "PT120S", "NorthEurope")))
                .isEmpty();
        assertThat(DriftDetector.of(inNorthEurope, cluster("Standard_DS3_v2", 0, 4, "PT120S", "westeurope")))
                .containsExactly(new Drift("location", "northeurope", "westeurope"));
        assertThat(DriftDetector.of(Operations.ensure("aml-cluster", 0, 4),
                cluster("Standard_DS3_v2", 0, 4, "PT120S", "northeurope"))).as("no region asked for").isEmpty();
    }

    private static ComputeResource cluster(String vmSize, int min, int max, String idle) {
        return cluster(vmSize, min, max, idle, "westeurope");
    }

    private static ComputeResource cluster(String vmSize, int min, int max, String idle, String computeLocation) {
        return new ComputeResource("/x", "AmlCompute", false, null, computeLocation, null,
                new ComputeStatus("Succeeded", "Steady", null, List.of()),
                new ComputeResource.ClusterSettings(vmSize, "Dedicated", min, max, idle, "Linux", "Disabled", true, null),
                Map.of());
    }
}
