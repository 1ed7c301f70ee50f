package io.amlcompute.provisioner.arm;

import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.contract.EnsureAmlCompute;
import io.amlcompute.provisioner.contract.OsType;
import io.amlcompute.provisioner.contract.RemoteLoginPortPublicAccess;
import io.amlcompute.provisioner.contract.ScaleSettings;
import io.amlcompute.provisioner.contract.VmPriority;
import io.amlcompute.provisioner.provisioning.Readiness;
import io.amlcompute.provisioner.provisioning.ReadinessCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.amlcompute.provisioner.arm.EmulatedArm.address;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readiness as ARM really reports a Steady pool (through the gateway, from the emulator's node states): a request
 * waiting for 2 nodes is ready only with 2 idle or running nodes, never because {@code currentNodeCount} says 2, and a
 * pool that stopped short with node errors fails at once. Provisioning 10 s and node allocation 20 s: Steady at 30 s.
 */
class UsableNodesOverArmTest {

    private static final String NAME = "gpu-cluster";
    private static final int WAIT_FOR = 2;

    private EmulatedArm arm;

    @AfterEach
    void stop() {
        if (arm != null) {
            arm.close();
        }
    }

    private static EnsureAmlCompute cluster(String vmSize, VmPriority priority) {
        return new EnsureAmlCompute(NAME, vmSize, priority, new ScaleSettings(WAIT_FOR, 4, Duration.ofSeconds(120)),
                null, null, null, OsType.LINUX, RemoteLoginPortPublicAccess.DISABLED, true, null, Map.of(), null);
    }

    /** Creates the cluster, lets {@code elapsed} pass and judges what ARM then reports. */
    private Readiness after(EnsureAmlCompute cluster, Duration elapsed) {
        arm.gateway.create(address(NAME), cluster, EmulatedArm.SETUP_MARK, "corr");
        arm.advance(elapsed);
        return now(cluster);
    }

    private Readiness now(EnsureAmlCompute cluster) {
        ComputeStatus status = arm.gateway.get(address(NAME), "corr").orElseThrow().status();
        assertThat(status.allocationState()).isEqualTo("Steady");
        assertThat(status.nodes().current()).as("currentNodeCount alone would say ready").isEqualTo(WAIT_FOR);
        return ReadinessCheck.evaluate(cluster, WAIT_FOR, status);
    }

    @Test
    void nodesStillPreparingInASteadyPoolAreNotReadyUntilTheyAreIdle() {
        arm = EmulatedArm.start(b -> b.nodePreparationTime(Duration.ofSeconds(60)));
        EnsureAmlCompute cluster = cluster("STANDARD_DS3_V2", VmPriority.DEDICATED);

        assertThat(after(cluster, Duration.ofSeconds(30))).isInstanceOf(Readiness.Pending.class);
        arm.advance(Duration.ofSeconds(60));
        assertThat(now(cluster)).isInstanceOf(Readiness.Ready.class);
    }

    @Test
    void preemptedNodesAreNotReady() {
        arm = EmulatedArm.start(b -> b.preemptsNodesFor("STANDARD_D2_V2"));

        assertThat(after(cluster("STANDARD_D2_V2", VmPriority.LOW_PRIORITY), Duration.ofSeconds(30)))
                .isInstanceOf(Readiness.Pending.class);
    }

    @Test
    void unusableNodesAfterAFailedNodeSetupFailTheRequestWithArmsNodeError() {
        arm = EmulatedArm.start(b -> b.nodeSetupFailsFor("STANDARD_D2_V2"));

        Readiness readiness = after(cluster("STANDARD_D2_V2", VmPriority.DEDICATED), Duration.ofSeconds(30));

        assertThat(readiness).isInstanceOf(Readiness.Failed.class);
        assertThat(((Readiness.Failed) readiness).errors()).extracting(ComputeStatus.ErrorInfo::code)
                .containsExactly("NodesNotUsable", "NodeSetupFailed");
    }

    @Test
    void aResizeBlockedByQuotaFailsTheRequestWithArmsNodeErrorInsteadOfWaitingForTheDeadline() {
        arm = EmulatedArm.start(b -> b.resizeBlockedFor("STANDARD_NC6"));
        EnsureAmlCompute cluster = cluster("STANDARD_NC6", VmPriority.DEDICATED);
        arm.gateway.create(address(NAME), cluster, EmulatedArm.SETUP_MARK, "corr");
        arm.advance(Duration.ofSeconds(30));

        ComputeStatus status = arm.gateway.get(address(NAME), "corr").orElseThrow().status();
        Readiness readiness = ReadinessCheck.evaluate(cluster, WAIT_FOR, status);

        assertThat(status.allocationState()).isEqualTo("Steady");
        assertThat(status.nodes().current()).isZero();
        assertThat(status.nodes().target()).isEqualTo(WAIT_FOR);
        assertThat(readiness).isInstanceOf(Readiness.Failed.class);
        assertThat(((Readiness.Failed) readiness).errors()).extracting(ComputeStatus.ErrorInfo::code)
                .containsExactly("NodesNotUsable", "QuotaExceeded");
    }

    @Test
    void healthyNodesAreReadyOnceSteady() {
        arm = EmulatedArm.start();

        assertThat(after(cluster("STANDARD_DS3_V2", VmPriority.DEDICATED), Duration.ofSeconds(30)))
                .isInstanceOf(Readiness.Ready.class);
    }
}
