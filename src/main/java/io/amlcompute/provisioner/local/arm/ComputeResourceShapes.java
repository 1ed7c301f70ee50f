package io.amlcompute.provisioner.local.arm;

import static io.amlcompute.provisioner.local.arm.Shape.Field.optional;
import static io.amlcompute.provisioner.local.arm.Shape.Field.readOnly;
import static io.amlcompute.provisioner.local.arm.Shape.Field.required;

import io.amlcompute.provisioner.local.arm.Shape.Obj;
import io.amlcompute.provisioner.local.arm.Shape.OneOf;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The request bodies of the compute operations, transcribed from machineLearningServices.json (2025-12-01) and
 * common-types v3: the PUT body {@code ComputeResource} with its {@code Compute} union, and the PATCH body
 * {@code ClusterUpdateParameters}.
 */
final class ComputeResourceShapes {

    static final String PATCH_HINT = "A PATCH body is {\"properties\":{\"properties\":{\"scaleSettings\":{...}}}} "
            + "(ClusterUpdateParameters, the properties key doubled): scale settings are all PATCH can change.";

    /** Fields every {@code Compute} subtype has (the base type; {@code computeType} is the discriminator). */
    private static final Shape.Field[] COMPUTE_BASE = {
            required("computeType", Shape.TEXT),
            optional("computeLocation", Shape.TEXT),
            readOnly("provisioningState"),
            optional("description", Shape.TEXT),
            readOnly("createdOn"),
            readOnly("modifiedOn"),
            optional("resourceId", Shape.TEXT),
            readOnly("provisioningErrors"),
            readOnly("isAttachedCompute"),
            optional("disableLocalAuth", Shape.BOOLEAN),
    };

    /** {@code Compute}: discriminated on {@code computeType}; each emulated subtype is base + its properties. */
    static final Shape.Discriminated COMPUTE = new Shape.Discriminated("computeType",
            Arrays.stream(ArmComputeType.values()).map(ArmComputeType::wireName).toList(),
            subtypes());

    static final Obj SKU = Obj.of("Sku",
            required("name", Shape.TEXT),
            optional("tier", new OneOf("SkuTier", List.of("Free", "Basic", "Standard", "Premium"))),
            optional("size", Shape.TEXT),
            optional("family", Shape.TEXT),
            optional("capacity", Shape.INT32));

    static final Obj MANAGED_SERVICE_IDENTITY = Obj.of("ManagedServiceIdentity",
            readOnly("principalId"),
            readOnly("tenantId"),
            required("type", new OneOf("ManagedServiceIdentityType",
                    List.of("None", "SystemAssigned", "UserAssigned", "SystemAssigned,UserAssigned"))),
            optional("userAssignedIdentities", new Shape.MapOf(Obj.of("UserAssignedIdentity",
                    readOnly("principalId"),
                    readOnly("clientId")))));

    /**
     * {@code ComputeResource} = Resource (id, name, type, systemData: read-only) + location, tags, sku, identity and
     * properties. The spec leaves {@code properties} optional; a PUT without it cannot say what to create, so the
     * emulator requires it.
     */
    static final Obj COMPUTE_RESOURCE = Obj.of("ComputeResource",
            readOnly("id"),
            readOnly("name"),
            readOnly("type"),
            readOnly("systemData"),
            optional("location", Shape.TEXT),
            optional("tags", new Shape.MapOf(Shape.TEXT)),
            optional("sku", SKU),
            optional("identity", MANAGED_SERVICE_IDENTITY),
            required("properties", COMPUTE));

    /**
     * {@code ClusterUpdateParameters.properties.properties.scaleSettings}. The spec requires none of the three levels;
     * the emulator does, because a PATCH without scale settings changes nothing.
     */
    static final Obj CLUSTER_UPDATE_PARAMETERS = Obj.of("ClusterUpdateParameters",
            required("properties", Obj.of("ClusterUpdateProperties",
                    required("properties", Obj.of("ScaleSettingsInformation",
                            required("scaleSettings", ComputeTypeShapes.SCALE_SETTINGS)).withHint(PATCH_HINT)))
                    .withHint(PATCH_HINT)))
            .withHint(PATCH_HINT);

    private static Map<String, Obj> subtypes() {
        Map<String, Obj> subtypes = new LinkedHashMap<>();
        ComputeTypeShapes.BY_TYPE.forEach((type, properties) -> subtypes.put(type.wireName(),
                new Obj(type.wireName(), List.of(COMPUTE_BASE), null)
                        .plus(optional("properties", properties))));
        return subtypes;
    }

    private ComputeResourceShapes() {
    }
}
