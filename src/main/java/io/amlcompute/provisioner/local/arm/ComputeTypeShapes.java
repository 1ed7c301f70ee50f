package io.amlcompute.provisioner.local.arm;

import static io.amlcompute.provisioner.local.arm.Shape.Field.optional;
import static io.amlcompute.provisioner.local.arm.Shape.Field.readOnly;
import static io.amlcompute.provisioner.local.arm.Shape.Field.required;
import static io.amlcompute.provisioner.local.arm.Shape.Field.secret;

import io.amlcompute.provisioner.local.arm.Shape.Field;
import io.amlcompute.provisioner.local.arm.Shape.Obj;
import io.amlcompute.provisioner.local.arm.Shape.OneOf;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The type-specific {@code properties} object of each emulated compute type ({@code resource.properties.properties}),
 * transcribed from the definitions of machineLearningServices.json, api-version 2025-12-01, and cut down for older
 * api-versions where a {@link ContractFeature} says a field came later.
 * Secret marks follow {@code x-ms-secret} of 2025-12-01 plus the fields 2026-07-01 marks (VM {@code password},
 * {@code databricksAccessToken}): the contract notes say never to echo or log those in any version.
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

    static final Obj VIRTUAL_MACHINE_SSH_CREDENTIALS = Obj.of("VirtualMachineSshCredentials",
            optional("username", Shape.TEXT),
            secret("password"),
            secret("publicKeyData"),
            secret("privateKeyData"));

    private static final Shape STRING_MAP = new Shape.MapOf(Shape.TEXT);

    /** The inner {@code properties} schema of every emulated type in the newest version (the secret superset). */
    static final Map<ArmComputeType, Obj> BY_TYPE = forVersion(ComputeApiVersion.V2026_07_01);

    private ComputeTypeShapes() {
    }

    /** The inner {@code properties} schema of each emulated type the version knows. */
    static Map<ArmComputeType, Obj> forVersion(ComputeApiVersion version) {
        Map<ArmComputeType, Obj> byType = new EnumMap<>(ArmComputeType.class);
        byType.put(ArmComputeType.AML_COMPUTE, amlCompute(version));
        byType.put(ArmComputeType.DATABRICKS, databricks(version));
        byType.put(ArmComputeType.VIRTUAL_MACHINE, virtualMachine(version));
        byType.put(ArmComputeType.HD_INSIGHT, Obj.of("HDInsightProperties",
                optional("sshPort", Shape.INT32),
                optional("address", Shape.TEXT),
                optional("administratorAccount", VIRTUAL_MACHINE_SSH_CREDENTIALS)));
        if (ContractFeature.KUBERNETES_TYPE.in(version)) {
            byType.put(ArmComputeType.KUBERNETES, kubernetes());
        }
        if (ContractFeature.SYNAPSE_SPARK_TYPE.in(version)) {
            byType.put(ArmComputeType.SYNAPSE_SPARK, synapseSpark());
        }
        if (ContractFeature.COMPUTE_INSTANCE_EMULATED.in(version)) {
            byType.put(ArmComputeType.COMPUTE_INSTANCE, ComputeInstanceShapes.properties(version));
        }
        return Collections.unmodifiableMap(byType);
    }

    private static Obj amlCompute(ComputeApiVersion version) {
        List<Field> fields = new ArrayList<>();
        if (ContractFeature.AML_OS_TYPE.in(version)) {
            fields.add(optional("osType", new OneOf("OsType", List.of("Linux", "Windows"))));
        }
        fields.add(optional("vmSize", Shape.TEXT));
        fields.add(optional("vmPriority", new OneOf("VmPriority", List.of("Dedicated", "LowPriority"))));
        if (ContractFeature.AML_NETWORK_AND_IMAGE.in(version)) {
            fields.add(optional("virtualMachineImage", Obj.of("VirtualMachineImage", required("id", Shape.TEXT))));
            fields.add(optional("isolatedNetwork", Shape.BOOLEAN));
        }
        fields.add(optional("scaleSettings", SCALE_SETTINGS));
        fields.add(optional("userAccountCredentials", USER_ACCOUNT_CREDENTIALS));
        fields.add(optional("subnet", RESOURCE_ID));
        if (ContractFeature.AML_REMOTE_LOGIN_PORT_PUBLIC_ACCESS.in(version)) {
            fields.add(optional("remoteLoginPortPublicAccess", new OneOf("remoteLoginPortPublicAccess",
                    List.of("Enabled", "Disabled", "NotSpecified"))));
        }
        fields.add(readOnly("allocationState"));
        fields.add(readOnly("allocationStateTransitionTime"));
        fields.add(readOnly("errors", new Shape.ListOf(ComputeResourceShapes.errorResponse(version))));
        fields.add(readOnly("currentNodeCount"));
        fields.add(readOnly("targetNodeCount"));
        fields.add(readOnly("nodeStateCounts"));
        if (ContractFeature.AML_NETWORK_AND_IMAGE.in(version)) {
            fields.add(optional("enableNodePublicIp", Shape.BOOLEAN));
        }
        if (ContractFeature.AML_PROPERTY_BAG.in(version)) {
            fields.add(optional("propertyBag", Shape.ANY_OBJECT));
        }
        return new Obj("AmlComputeProperties", fields, null);
    }

    private static Obj databricks(ComputeApiVersion version) {
        Obj properties = Obj.of("DatabricksProperties", secret("databricksAccessToken"));
        return ContractFeature.DATABRICKS_WORKSPACE_URL.in(version)
                ? properties.plus(optional("workspaceUrl", Shape.TEXT)) : properties;
    }

    private static Obj virtualMachine(ComputeApiVersion version) {
        List<Field> fields = new ArrayList<>(List.of(
                optional("virtualMachineSize", Shape.TEXT),
                optional("sshPort", Shape.INT32)));
        if (ContractFeature.VM_NOTEBOOK_SERVER_PORT.in(version)) {
            fields.add(optional("notebookServerPort", Shape.INT32));
        }
        fields.add(optional("address", Shape.TEXT));
        fields.add(optional("administratorAccount", VIRTUAL_MACHINE_SSH_CREDENTIALS));
        if (ContractFeature.VM_NOTEBOOK_INSTANCE_FLAG.in(version)) {
            fields.add(optional("isNotebookInstanceCompute", Shape.BOOLEAN));
        }
        return new Obj("VirtualMachineSchema.properties", fields, null);
    }

    private static Obj kubernetes() {
        return Obj.of("KubernetesProperties",
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
    }

    private static Obj synapseSpark() {
        return Obj.of("SynapseSpark.properties",
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
    }
}
