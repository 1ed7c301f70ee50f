package io.amlcompute.provisioner.contract;

/**
 * The existing, unmanaged resource an attach points at. One record per compute type, each carrying exactly
 * what ARM needs to attach that kind.
 */
public sealed interface AttachTarget {

    /** ARM id of the underlying resource, already checked to be of {@link #expectedResourceTypes()}. */
    String resourceId();

    ComputeType computeType();

    /** Azure Databricks workspace ({@code Microsoft.Databricks/workspaces}). */
    record Databricks(String resourceId, SecretRef accessToken, String workspaceUrl) implements AttachTarget {
        @Override
        public ComputeType computeType() {
            return ComputeType.DATABRICKS;
        }
    }

    /** A Linux VM reachable over SSH ({@code Microsoft.Compute/virtualMachines}). */
    record VirtualMachine(String resourceId, String address, int sshPort, AdminUser adminUser) implements AttachTarget {
        @Override
        public ComputeType computeType() {
            return ComputeType.VIRTUAL_MACHINE;
        }
    }

    /** An AKS or Arc-enabled cluster with the Azure ML extension installed. */
    record Kubernetes(String resourceId, String namespace, String defaultInstanceType) implements AttachTarget {
        @Override
        public ComputeType computeType() {
            return ComputeType.KUBERNETES;
        }
    }

    /** An HDInsight cluster reachable over SSH ({@code Microsoft.HDInsight/clusters}). */
    record HdInsight(String resourceId, String address, int sshPort, AdminUser adminUser) implements AttachTarget {
        @Override
        public ComputeType computeType() {
            return ComputeType.HDINSIGHT;
        }
    }

    /** A Synapse Spark pool ({@code Microsoft.Synapse/workspaces/bigDataPools}). */
    record SynapseSpark(String resourceId) implements AttachTarget {
        @Override
        public ComputeType computeType() {
            return ComputeType.SYNAPSE_SPARK;
        }
    }

    /** The ARM resource types this target may point at, compared case-insensitively. */
    default java.util.List<String> expectedResourceTypes() {
        return expectedResourceTypes(computeType());
    }

    static java.util.List<String> expectedResourceTypes(ComputeType type) {
        return switch (type) {
            case DATABRICKS -> java.util.List.of("Microsoft.Databricks/workspaces");
            case VIRTUAL_MACHINE -> java.util.List.of("Microsoft.Compute/virtualMachines");
            case KUBERNETES -> java.util.List.of("Microsoft.ContainerService/managedClusters",
                    "Microsoft.Kubernetes/connectedClusters");
            case HDINSIGHT -> java.util.List.of("Microsoft.HDInsight/clusters");
            case SYNAPSE_SPARK -> java.util.List.of("Microsoft.Synapse/workspaces/bigDataPools");
            case AML_COMPUTE, COMPUTE_INSTANCE -> java.util.List.of();
        };
    }
}
