package io.amlcompute.provisioner.provisioning;

import io.amlcompute.provisioner.contract.AttachCompute;
import io.amlcompute.provisioner.contract.AttachTarget;
import io.amlcompute.provisioner.contract.ComputeOperation;
import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.contract.DeleteCompute;
import io.amlcompute.provisioner.contract.DetachCompute;
import io.amlcompute.provisioner.contract.SecretRef;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ReadinessCheckTest {

    private static final ComputeOperation CLUSTER = Operations.ensure("aml-cluster", 0, 4);
    private static final ComputeOperation DATABRICKS = new AttachCompute("db-cluster",
            new AttachTarget.Databricks("/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/"
                    + "providers/Microsoft.Databricks/workspaces/dbw", new SecretRef("local:t"), null), null, null);
    private static final ComputeOperation DELETE = new DeleteCompute("aml-cluster");
    private static final ComputeOperation DETACH = new DetachCompute("db-cluster", null);

    static Stream<Arguments> table() {
        return Stream.of(
                arguments("cluster Creating", CLUSTER, 0, status("Creating", null, null), Readiness.Pending.class),
                arguments("cluster Succeeded but Resizing", CLUSTER, 0, status("Succeeded", "Resizing", 0), Readiness.Pending.class),
                arguments("cluster Succeeded and Steady with 0 nodes", CLUSTER, 0, status("Succeeded", "Steady", 0), Readiness.Ready.class),
                arguments("cluster Steady below waitForNodes", CLUSTER, 2, status("Succeeded", "Steady", 1), Readiness.Pending.class),
                arguments("cluster Steady at waitForNodes", CLUSTER, 2, status("Succeeded", "Steady", 2), Readiness.Ready.class),
                arguments("cluster Steady with its nodes unusable", CLUSTER, 2, steady(counts(2, 0, 0, 0, 2, 0, 0)), Readiness.Pending.class),
                arguments("cluster Steady with its nodes preparing", CLUSTER, 2, steady(counts(2, 0, 0, 2, 0, 0, 0)), Readiness.Pending.class),
                arguments("cluster Steady with its nodes leaving", CLUSTER, 2, steady(counts(2, 0, 0, 0, 0, 2, 0)), Readiness.Pending.class),
                arguments("cluster Steady with its nodes preempted", CLUSTER, 2, steady(counts(2, 0, 0, 0, 0, 0, 2)), Readiness.Pending.class),
                arguments("cluster Steady with idle and running nodes", CLUSTER, 2, steady(counts(2, 1, 1, 0, 0, 0, 0)), Readiness.Ready.class),
                arguments("cluster Steady with one usable node of two", CLUSTER, 2, steady(counts(2, 1, 0, 1, 0, 0, 0)), Readiness.Pending.class),
                arguments("cluster Steady below waitForNodes with node errors", CLUSTER, 2, new ComputeStatus("Succeeded", "Steady", counts(0, 0, 0, 0, 0, 0, 0), List.of(QUOTA)), Readiness.Failed.class),
                arguments("cluster Resizing below waitForNodes with node errors", CLUSTER, 2, new ComputeStatus("Succeeded", "Resizing", counts(0, 0, 0, 2, 0, 0, 0), List.of(QUOTA)), Readiness.Pending.class),
                arguments("cluster Steady with node errors but enough usable nodes", CLUSTER, 1, new ComputeStatus("Succeeded", "Steady", counts(2, 1, 0, 0, 1, 0, 0), List.of(QUOTA)), Readiness.Ready.class),
                arguments("cluster Steady without node counts", CLUSTER, 0, new ComputeStatus("Succeeded", "Steady", null, List.of()), Readiness.Ready.class),
                arguments("cluster Failed", CLUSTER, 0, status("Failed", null, null), Readiness.Failed.class),
                arguments("cluster Canceled", CLUSTER, 0, status("Canceled", null, null), Readiness.Failed.class),
                arguments("cluster in an unknown new state", CLUSTER, 0, status("Provisioning", null, null), Readiness.Pending.class),
                arguments("cluster gone while waiting", CLUSTER, 0, null, Readiness.Failed.class),
                arguments("attach Creating", DATABRICKS, 0, status("Creating", null, null), Readiness.Pending.class),
                arguments("attach Succeeded", DATABRICKS, 0, status("Succeeded", null, null), Readiness.Ready.class),
                arguments("delete still Deleting", DELETE, 0, status("Deleting", null, null), Readiness.Pending.class),
                arguments("delete not started yet", DELETE, 0, status("Succeeded", "Steady", 0), Readiness.Pending.class),
                arguments("delete done", DELETE, 0, null, Readiness.Ready.class),
                arguments("delete failed", DELETE, 0, status("Failed", null, null), Readiness.Failed.class),
                arguments("detach done", DETACH, 0, null, Readiness.Ready.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decidesReadiness(String name, ComputeOperation operation, int waitForNodes, ComputeStatus status,
                          Class<? extends Readiness> expected) {
        assertThat(ReadinessCheck.evaluate(operation, waitForNodes, status)).isInstanceOf(expected);
    }

    @org.junit.jupiter.api.Test
    void aFailureCarriesTheProvisioningAndNodeErrors() {
        ComputeStatus failed = new ComputeStatus("Failed", "Steady", null,
                List.of(ComputeStatus.ErrorInfo.of("QuotaExceeded", "Operation results in exceeding quota limits of Core.")));

        Readiness readiness = ReadinessCheck.evaluate(CLUSTER, 0, failed);

        assertThat(((Readiness.Failed) readiness).errors()).extracting(ComputeStatus.ErrorInfo::code)
                .containsExactly("ProvisioningFailed", "QuotaExceeded");
    }

    @org.junit.jupiter.api.Test
    void aSteadyClusterThatStoppedBelowWaitForNodesFailsWithArmsNodeErrors() {
        ComputeStatus blocked = new ComputeStatus("Succeeded", "Steady", counts(1, 1, 0, 0, 0, 0, 0), List.of(QUOTA));

        Readiness readiness = ReadinessCheck.evaluate(CLUSTER, 3, blocked);

        assertThat(((Readiness.Failed) readiness).errors()).extracting(ComputeStatus.ErrorInfo::code)
                .containsExactly("NodesNotUsable", "QuotaExceeded");
        assertThat(((Readiness.Failed) readiness).errors().get(0).message()).contains("1 usable node", "of the 3");
    }

    private static final ComputeStatus.ErrorInfo QUOTA = ComputeStatus.ErrorInfo.of("QuotaExceeded",
            "Operation results in exceeding quota limits of Core.");

    private static ComputeStatus steady(ComputeStatus.NodeCounts counts) {
        return new ComputeStatus("Succeeded", "Steady", counts, List.of());
    }

    /** {@code current} and target, then the node states: idle, running, preparing, unusable, leaving, preempted. */
    private static ComputeStatus.NodeCounts counts(int current, int idle, int running, int preparing, int unusable,
                                                   int leaving, int preempted) {
        return new ComputeStatus.NodeCounts(current, current, idle, running, preparing, unusable, leaving, preempted);
    }

    private static ComputeStatus status(String state, String allocation, Integer nodes) {
        return new ComputeStatus(state, allocation,
                nodes == null ? null : new ComputeStatus.NodeCounts(nodes, nodes, nodes, 0, 0, 0, 0, 0), List.of());
    }
}
