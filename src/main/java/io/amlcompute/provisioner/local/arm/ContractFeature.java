package io.amlcompute.provisioner.local.arm;

import static io.amlcompute.provisioner.local.arm.ComputeApiVersion.V2018_11_19;
import static io.amlcompute.provisioner.local.arm.ComputeApiVersion.V2019_06_01;
import static io.amlcompute.provisioner.local.arm.ComputeApiVersion.V2019_11_01;
import static io.amlcompute.provisioner.local.arm.ComputeApiVersion.V2020_03_01;
import static io.amlcompute.provisioner.local.arm.ComputeApiVersion.V2020_04_01;
import static io.amlcompute.provisioner.local.arm.ComputeApiVersion.V2020_06_01;
import static io.amlcompute.provisioner.local.arm.ComputeApiVersion.V2020_08_01;
import static io.amlcompute.provisioner.local.arm.ComputeApiVersion.V2021_01_01;
import static io.amlcompute.provisioner.local.arm.ComputeApiVersion.V2021_04_01;
import static io.amlcompute.provisioner.local.arm.ComputeApiVersion.V2021_07_01;
import static io.amlcompute.provisioner.local.arm.ComputeApiVersion.V2022_05_01;
import static io.amlcompute.provisioner.local.arm.ComputeApiVersion.V2025_12_01;
import static io.amlcompute.provisioner.local.arm.ComputeApiVersion.V2026_03_01;
import static io.amlcompute.provisioner.local.arm.ComputeApiVersion.V2026_07_01;

import java.util.List;

/**
 * Each way the compute contract of one published api-version differs from another's, as a feature present in a set
 * of version ranges. Found by diffing the {@code workspaces/computes} resource type of every stable version in
 * Azure/bicep-types-az (commit 1f896de2, generated from Azure/azure-rest-api-specs b7170cade0), and, for the PATCH
 * body that bicep-types does not model, the specs' {@code ClusterUpdateProperties} (2021-04-01 at 0a9921db,
 * 2021-07-01 at 02883cdd). Only what the emulator accepts or returns is listed; the table with every finding is in
 * docs/local/arm-emulator.md. Between 2022-05-01 and 2026-07-01 the emulated compute contract does not change.
 */
enum ContractFeature {
    /** {@code AmlComputeProperties.remoteLoginPortPublicAccess}. */
    AML_REMOTE_LOGIN_PORT_PUBLIC_ACCESS(since(V2019_06_01)),
    /** {@code ComputeResource.sku} as {@code {name, tier}} strings. */
    COMPUTE_SKU(since(V2019_11_01)),
    /** {@code Sku} of common-types: {@code name} required, {@code tier} an enum, plus size, family, capacity. */
    SKU_WITH_CAPACITY(since(V2022_05_01)),
    /**
     * {@code Identity.type} beyond {@code SystemAssigned} (None, UserAssigned, "SystemAssigned,UserAssigned") and
     * {@code userAssignedIdentities}; before, the only identity was system-assigned.
     */
    USER_ASSIGNED_IDENTITY(since(V2020_03_01)),
    /** {@code identity.type} is required (it was optional in 2020-03-01 and again from 2021-01-01 to 2021-07-01). */
    IDENTITY_TYPE_REQUIRED(between(V2020_04_01, V2021_01_01), since(V2022_05_01)),
    /** {@code userAssignedIdentities.*.tenantId} (read-only). */
    USER_ASSIGNED_IDENTITY_TENANT_ID(between(V2020_03_01, V2020_04_01), between(V2021_01_01, V2022_05_01)),
    /** {@code ComputeType} {@code ComputeInstance}: not emulated, but a value of the union from here on. */
    COMPUTE_INSTANCE_TYPE(since(V2020_06_01)),
    /** {@code AmlComputeProperties.osType}. */
    AML_OS_TYPE(since(V2020_08_01)),
    /** {@code AmlComputeProperties.isolatedNetwork}, {@code enableNodePublicIp}, {@code virtualMachineImage}. */
    AML_NETWORK_AND_IMAGE(since(V2021_01_01)),
    /** {@code DatabricksProperties.workspaceUrl}. */
    DATABRICKS_WORKSPACE_URL(since(V2021_01_01)),
    /** {@code systemData} on the resource (read-only). */
    SYSTEM_DATA(since(V2021_01_01)),
    /** {@code Compute.createdOn} and {@code modifiedOn} (read-only): 2021-01-01 is the one version without them. */
    CREATED_AND_MODIFIED_ON(between(V2018_11_19, V2021_01_01), since(V2021_04_01)),
    /** {@code Compute.disableLocalAuth}. */
    DISABLE_LOCAL_AUTH(since(V2021_04_01)),
    /** {@code ComputeType} {@code SynapseSpark} and its properties. */
    SYNAPSE_SPARK_TYPE(since(V2021_04_01)),
    /** {@code VirtualMachineSchema.properties.isNotebookInstanceCompute}. */
    VM_NOTEBOOK_INSTANCE_FLAG(since(V2021_04_01)),
    /** {@code target} in the errors of {@code provisioningErrors} and AmlCompute {@code errors}. */
    ERROR_TARGET(since(V2021_04_01)),
    /** {@code ComputeType} {@code Kubernetes} and its properties. */
    KUBERNETES_TYPE(since(V2021_07_01)),
    /**
     * The PATCH body {@code ClusterUpdateParameters} nests {@code ScaleSettingsInformation}:
     * {@code properties.properties.scaleSettings}; before, {@code properties.scaleSettings}.
     */
    PATCH_NESTED_PROPERTIES(since(V2021_07_01)),
    /** {@code AmlComputeProperties.propertyBag}. */
    AML_PROPERTY_BAG(since(V2022_05_01)),
    /** {@code VirtualMachineSchema.properties.notebookServerPort}. */
    VM_NOTEBOOK_SERVER_PORT(since(V2022_05_01)),
    /**
     * ComputeInstance is simulated: in 2025-12-01 (the reference copy) and 2026-07-01 (the same wire shape but for the
     * deltas of contract notes section 7). The shape of 2026-03-01 and 2026-05-01 was not established, and the versions
     * before 2025-12-01 were not diffed for ComputeInstanceProperties, so a ComputeInstance PUT in any of them is
     * refused as not emulated rather than checked against a guessed shape.
     */
    COMPUTE_INSTANCE_EMULATED(between(V2025_12_01, V2026_03_01), since(V2026_07_01)),
    /** {@code ComputeInstanceProperties.enableSSO} and {@code idleTimeBeforeShutdown} (contract notes section 7). */
    INSTANCE_SSO_AND_IDLE_SHUTDOWN(since(V2026_07_01));

    private final List<Range> ranges;

    ContractFeature(Range... ranges) {
        this.ranges = List.of(ranges);
    }

    boolean in(ComputeApiVersion version) {
        return ranges.stream().anyMatch(range -> range.contains(version));
    }

    /** From {@code from} (inclusive) to {@code until} (exclusive), or to the newest when {@code until} is null. */
    private record Range(ComputeApiVersion from, ComputeApiVersion until) {
        boolean contains(ComputeApiVersion version) {
            return version.atLeast(from) && (until == null || !version.atLeast(until));
        }
    }

    private static Range since(ComputeApiVersion from) {
        return new Range(from, null);
    }

    private static Range between(ComputeApiVersion from, ComputeApiVersion until) {
        return new Range(from, until);
    }
}
