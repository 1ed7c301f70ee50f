package io.amlcompute.provisioner.local.arm;

import io.amlcompute.provisioner.local.ManualClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * An emulator on an ephemeral loopback port with one seeded workspace, a ManualClock and a client for that
 * workspace. Close it after the test.
 */
final class EmulatorSession implements AutoCloseable {

    static final String SUBSCRIPTION = "00000000-0000-0000-0000-00000000aaaa";
    static final String RESOURCE_GROUP = "rg-ml";
    static final String WORKSPACE = "ws-ml";
    static final String LOCATION = "westeurope";
    static final Instant START = Instant.parse("2025-06-01T08:00:00Z");

    static final String DATABRICKS_ID = "/subscriptions/" + SUBSCRIPTION
            + "/resourceGroups/rg-data/providers/Microsoft.Databricks/workspaces/dbw-analytics";
    static final String DATABRICKS_URL = "https://adb-1234567890123456.7.azuredatabricks.net";
    static final String DATABRICKS_TOKEN = "dapi-seeded-token-0123456789abcdef";
    static final String VM_ID = "/subscriptions/" + SUBSCRIPTION
            + "/resourceGroups/rg-vm/providers/Microsoft.Compute/virtualMachines/dsvm-01";
    static final String AKS_ID = "/subscriptions/" + SUBSCRIPTION
            + "/resourceGroups/rg-k8s/providers/Microsoft.ContainerService/managedClusters/aks-ml";
    static final String ARC_ID = "/subscriptions/" + SUBSCRIPTION
            + "/resourceGroups/rg-k8s/providers/Microsoft.Kubernetes/connectedClusters/arc-ml";
    static final String HDI_ID = "/subscriptions/" + SUBSCRIPTION
            + "/resourceGroups/rg-hdi/providers/Microsoft.HDInsight/clusters/hdi-spark";
    static final String SYNAPSE_ID = "/subscriptions/" + SUBSCRIPTION
            + "/resourceGroups/rg-syn/providers/Microsoft.Synapse/workspaces/syn-ws/bigDataPools/sparkpool1";

    final ManualClock clock;
    final ArmEmulator emulator;
    final ComputeApiClient client;

    private EmulatorSession(ManualClock clock, ArmEmulator emulator, HttpClient http) {
        this.clock = clock;
        this.emulator = emulator;
        this.client = new ComputeApiClient(http, emulator.endpoint(), SUBSCRIPTION, RESOURCE_GROUP, WORKSPACE);
    }

    /** Default timings: provisioning 10 s, node allocation 20 s, update 5 s, deletion 5 s. */
    static EmulatorSession start() {
        return start(builder -> {
        });
    }

    static EmulatorSession start(Consumer<ArmEmulatorBuilder> customize) {
        return start(customize, HttpClient.newHttpClient());
    }

    static EmulatorSession start(Consumer<ArmEmulatorBuilder> customize, HttpClient http) {
        ManualClock clock = new ManualClock(START);
        ArmEmulatorBuilder builder = ArmEmulator.builder()
                .clock(clock)
                .workspace(SUBSCRIPTION, RESOURCE_GROUP, WORKSPACE, LOCATION)
                .databricksWorkspace(DATABRICKS_ID, DATABRICKS_URL, DATABRICKS_TOKEN)
                .virtualMachine(VM_ID)
                .kubernetesCluster(AKS_ID)
                .kubernetesCluster(ARC_ID)
                .hdInsightCluster(HDI_ID)
                .synapseSparkPool(SYNAPSE_ID)
                .provisioningTime(Duration.ofSeconds(10))
                .nodeAllocationTime(Duration.ofSeconds(20))
                .updateTime(Duration.ofSeconds(5))
                .deletionTime(Duration.ofSeconds(5));
        customize.accept(builder);
        try {
            return new EmulatorSession(clock, builder.start(), http);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void advance(Duration step) {
        clock.advance(step);
    }

    @Override
    public void close() {
        emulator.close();
    }
}
