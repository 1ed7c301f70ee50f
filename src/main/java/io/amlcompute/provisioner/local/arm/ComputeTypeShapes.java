package io.amlcompute.provisioner.local.arm;

import static io.amlcompute.provisioner.local.arm.Shape.Field.optional;
import static io.amlcompute.provisioner.local.arm.Shape.Field.readOnly;
import static io.amlcompute.provisioner.local.arm.Shape.Field.required;
import static io.amlcompute.provisioner.local.arm.Shape.Field.secret;

import io.amlcompute.provisioner.local.arm.Shape.Obj;
import io.amlcompute.provisioner.local.arm.Shape.OneOf;
import java.util.List;
import java.util.Map;

/**
 * The type-specific {@code properties} object of each emulated compute type ({@code resource.properties.properties}),
 * transcribed from the definitions of machineLearningServices.json, api-version 2025-12-01.
 * Secret marks follow {@code x-ms-secret} of 2025-12-01 plus the fields 2026-07-01 marks (VM {@code password},
 * {@code databricksAccessToken}): the contract notes say never to echo or log those in either version.
 */
final class ComputeTypeShapes {

    /** {@code ScaleSettings}: {@code maxNodeCount} required, {@code nodeIdleTimeBeforeScaleDown} format duration. */
    static final Obj SCALE_SETTINGS = Obj.of("ScaleSettings",
            required("maxNodeCount", Shape.INT32),
            optional("minNodeCount", Shape.INT32),
            optional("nodeIdleTimeBeforeScaleDown", Shape.DURATION));

    /** {@code ResourceId}: {@code {id}} with {@code id} required (AmlCompute {@code subnet}). */
    static final Obj RESOURCE_ID = Obj.of("ResourceId", required("id", Shape.TEXT));

    static final Obj USER_ACCOUNT_CREDENTIALS = Obj.of("UserAccountCredentials",
            required("adminUserName", Shape.TEXT),
            secret("adminUserSshPublicKey"),
            secret("adminUserPassword"));

    static final Obj AML_COMPUTE_PROPERTIES = Obj.of("AmlComputeProperties",
            optional("osType", new OneOf("OsType", List.of("Linux", "Windows"))),
            optional("vmSize", Shape.TEXT),
            optional("vmPriority", new OneOf("VmPriority", List.of("Dedicated", "LowPriority"))),
            optional("virtualMachineImage", Obj.of("VirtualMachineImage", required("id", Shape.TEXT))),
            optional("isolatedNetwork", Shape.BOOLEAN),
            optional("scaleSettings", SCALE_SETTINGS),
            optional("userAccountCredentials", USER_ACCOUNT_CREDENTIALS),
            optional("subnet", RESOURCE_ID),
            optional("remoteLoginPortPublicAccess", new OneOf("remoteLoginPortPublicAccess",
                    List.of("Enabled", "Disabled", "NotSpecified"))),
            readOnly("allocationState"),
            readOnly("allocationStateTransitionTime"),
            readOnly("errors"),
            readOnly("currentNodeCount"),
            readOnly("targetNodeCount"),
            readOnly("nodeStateCounts"),
            optional("enableNodePublicIp", Shape.BOOLEAN),
            optional("propertyBag", Shape.ANY_OBJECT));

    static final Obj DATABRICKS_PROPERTIES = Obj.of("DatabricksProperties",
            secret("databricksAccessToken"),
            optional("workspaceUrl", Shape.TEXT));

    static final Obj VIRTUAL_MACHINE_SSH_CREDENTIALS = Obj.of("VirtualMachineSshCredentials",
            optional("username", Shape.TEXT),
            secret("password"),
            secret("publicKeyData"),
            secret("privateKeyData"));

    static final Obj VIRTUAL_MACHINE_PROPERTIES = Obj.of("VirtualMachineSchema.properties",
            optional("virtualMachineSize", Shape.TEXT),
            optional("sshPort", Shape.INT32),
            optional("notebookServerPort", Shape.INT32),
            optional("address", Shape.TEXT),
            optional("administratorAccount", VIRTUAL_MACHINE_SSH_CREDENTIALS),
            optional("isNotebookInstanceCompute", Shape.BOOLEAN));

    static final Obj HD_INSIGHT_PROPERTIES = Obj.of("HDInsightProperties",
            optional("sshPort", Shape.INT32),
            optional("address", Shape.TEXT),
            optional("administratorAccount", VIRTUAL_MACHINE_SSH_CREDENTIALS));

    private static final Shape STRING_MAP = new Shape.MapOf(Shape.TEXT);

    static final Obj KUBERNETES_PROPERTIES = Obj.of("KubernetesProperties",
            secret("relayConnectionString"),
            secret("serviceBusConnectionString"),
            optional("extensionPrincipalId", Shape.TEXT),
            optional("extensionInstanceReleaseTrain", Shape.TEXT),
            optional("vcName", Shape.TEXT),
            optional("namespace", Shape.TEXT),
            optional("defaultInstanceType", Shape.TEXT),
            optional("instanceTypes", new Shape.MapOf(Obj.of("InstanceTypeSchema",
                    optional("nodeSelector", STRING_MAP),
                    optional("resources", Obj.of("InstanceTypeSchema.resources",
                            optional("requests", STRING_MAP),
                            optional("limits", STRING_MAP)))))));

    static final Obj SYNAPSE_SPARK_PROPERTIES = Obj.of("SynapseSpark.properties",
            optional("autoScaleProperties", Obj.of("AutoScaleProperties",
                    optional("minNodeCount", Shape.INT32),
                    optional("enabled", Shape.BOOLEAN),
                    optional("maxNodeCount", Shape.INT32))),
            optional("autoPauseProperties", Obj.of("AutoPauseProperties",
                    optional("delayInMinutes", Shape.INT32),
                    optional("enabled", Shape.BOOLEAN))),
            optional("sparkVersion", Shape.TEXT),
            optional("nodeCount", Shape.INT32),
            optional("nodeSize", Shape.TEXT),
            optional("nodeSizeFamily", Shape.TEXT),
            optional("subscriptionId", Shape.TEXT),
            optional("resourceGroup", Shape.TEXT),
            optional("workspaceName", Shape.TEXT),
            optional("poolName", Shape.TEXT));

    /** The inner {@code properties} schema of every emulated type. */
    static final Map<ArmComputeType, Obj> BY_TYPE = Map.of(
            ArmComputeType.AML_COMPUTE, AML_COMPUTE_PROPERTIES,
            ArmComputeType.DATABRICKS, DATABRICKS_PROPERTIES,
            ArmComputeType.VIRTUAL_MACHINE, VIRTUAL_MACHINE_PROPERTIES,
            ArmComputeType.HD_INSIGHT, HD_INSIGHT_PROPERTIES,
            ArmComputeType.KUBERNETES, KUBERNETES_PROPERTIES,
            ArmComputeType.SYNAPSE_SPARK, SYNAPSE_SPARK_PROPERTIES);

    private ComputeTypeShapes() {
    }
}
