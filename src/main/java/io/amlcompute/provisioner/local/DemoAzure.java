package io.amlcompute.provisioner.local;

import io.amlcompute.provisioner.local.arm.ArmEmulatorBuilder;

/**
 * The demo Azure the local stack's ARM emulator is seeded with: the workspace and the attach targets that the
 * requests in {@code samples/requests} name, so every sample works against a fresh local stack; and the demo region's
 * quota, where another team holds 18 of the NC family's 24 dedicated vCPUs, so a GPU cluster that needs more than one
 * Standard_NC6 node at once is refused by the pre-flight (the demo shows one).
 */
public final class DemoAzure {

    public static final String SUBSCRIPTION_ID = "11111111-2222-3333-4444-555555555555";
    public static final String RESOURCE_GROUP = "rg-ml-demo";
    public static final String WORKSPACE = "mlw-demo";
    public static final String LOCATION = "westeurope";

    private static final String GROUP_ID = "/subscriptions/" + SUBSCRIPTION_ID + "/resourceGroups/" + RESOURCE_GROUP;

    public static final String DATABRICKS_WORKSPACE_ID = GROUP_ID + "/providers/Microsoft.Databricks/workspaces/dbw-demo";
    public static final String DATABRICKS_WORKSPACE_URL = "adb-1234567890123456.7.azuredatabricks.net";
    public static final String VIRTUAL_MACHINE_ID = GROUP_ID + "/providers/Microsoft.Compute/virtualMachines/vm-gpu-demo";
    public static final String KUBERNETES_CLUSTER_ID =
            GROUP_ID + "/providers/Microsoft.ContainerService/managedClusters/aks-demo";
    public static final String HDINSIGHT_CLUSTER_ID = GROUP_ID + "/providers/Microsoft.HDInsight/clusters/hdi-demo";
    public static final String SYNAPSE_SPARK_POOL_ID =
            GROUP_ID + "/providers/Microsoft.Synapse/workspaces/syn-demo/bigDataPools/sparkpool";
    /** The demo region's NC family quota (dedicated vCPUs) and what another team holds of it. */
    public static final int NC_FAMILY_QUOTA = 24;
    public static final int NC_IN_USE_ELSEWHERE = 18;
    /** The entry of the local secret store holding the Databricks token an attach must present. */
    public static final String DATABRICKS_TOKEN_SECRET = "databricks-token";

    private DemoAzure() {
    }

    /**
     * Seeds the workspace and the attach targets.
     *
     * @param databricksToken the token the Databricks workspace accepts: the local secret store's
     *                        {@value #DATABRICKS_TOKEN_SECRET}, so the sample attach succeeds
     */
    static ArmEmulatorBuilder seed(ArmEmulatorBuilder arm, String databricksToken) {
        return arm.workspace(SUBSCRIPTION_ID, RESOURCE_GROUP, WORKSPACE, LOCATION)
                .region(LOCATION, region -> region.familyQuota("standardNCFamily", "Dedicated", NC_FAMILY_QUOTA)
                        .inUseElsewhere("standardNCFamily", "Dedicated", NC_IN_USE_ELSEWHERE))
                .databricksWorkspace(DATABRICKS_WORKSPACE_ID, DATABRICKS_WORKSPACE_URL, databricksToken)
                .virtualMachine(VIRTUAL_MACHINE_ID)
                .kubernetesCluster(KUBERNETES_CLUSTER_ID)
                .hdInsightCluster(HDINSIGHT_CLUSTER_ID)
                .synapseSparkPool(SYNAPSE_SPARK_POOL_ID);
    }
}
