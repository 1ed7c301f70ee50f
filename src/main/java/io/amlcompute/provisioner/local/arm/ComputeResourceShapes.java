package io.amlcompute.provisioner.local.arm;

import static io.amlcompute.provisioner.local.arm.Shape.Field.optional;
import static io.amlcompute.provisioner.local.arm.Shape.Field.readOnly;
import static io.amlcompute.provisioner.local.arm.Shape.Field.required;

import io.amlcompute.provisioner.local.arm.Shape.Field;
import io.amlcompute.provisioner.local.arm.Shape.Obj;
import io.amlcompute.provisioner.local.arm.Shape.OneOf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The request bodies of the compute operations, transcribed from machineLearningServices.json (2025-12-01) and
 * common-types v3, and cut down for older api-versions where a {@link ContractFeature} says a field came later:
 * the PUT body {@code ComputeResource} with its {@code Compute} union, and the PATCH body
 * {@code ClusterUpdateParameters}. Read-only fields whose content differs between versions carry their shape, so
 * that {@link ResponseShape} can cut a response down to the version asked for.
 */
final class ComputeResourceShapes {

    static final String PATCH_HINT = "A PATCH body is {\"properties\":{\"properties\":{\"scaleSettings\":{...}}}} "
            + "(ClusterUpdateParameters, the properties key doubled): scale settings are all PATCH can change.";
    static final String PATCH_HINT_BEFORE_2021_07_01 = "A PATCH body of this api-version is "
            + "{\"properties\":{\"scaleSettings\":{...}}} (ClusterUpdateParameters; from 2021-07-01 the properties "
            + "key is doubled): scale settings are all PATCH can change.";

    private ComputeResourceShapes() {
    }

    /**
     * {@code ComputeResource} = Resource (id, name, type, systemData: read-only) + location, tags, sku, identity and
     * properties. The spec leaves {@code properties} optional; a PUT without it cannot say what to create, so the
     * emulator requires it.
     */
    static Obj computeResource(ComputeApiVersion version) {
        List<Field> fields = new ArrayList<>(List.of(readOnly("id"), readOnly("name"), readOnly("type")));
        if (ContractFeature.SYSTEM_DATA.in(version)) {
            fields.add(readOnly("systemData", Obj.of("SystemData",
                    optional("createdBy", Shape.TEXT),
                    optional("createdByType", Shape.TEXT),
                    optional("createdAt", Shape.TEXT),
                    optional("lastModifiedBy", Shape.TEXT),
                    optional("lastModifiedByType", Shape.TEXT),
                    optional("lastModifiedAt", Shape.TEXT))));
        }
        fields.add(optional("location", Shape.TEXT));
        fields.add(optional("tags", new Shape.MapOf(Shape.TEXT)));
        if (ContractFeature.COMPUTE_SKU.in(version)) {
            fields.add(optional("sku", sku(version)));
        }
        fields.add(optional("identity", identity(version)));
        fields.add(required("properties", compute(version)));
        return new Obj("ComputeResource", fields, null);
    }

    /**
     * {@code ClusterUpdateParameters} with its scale settings. The spec requires none of the levels; the emulator
     * does, because a PATCH without scale settings changes nothing.
     */
    static Obj clusterUpdateParameters(ComputeApiVersion version) {
        Field scaleSettings = required("scaleSettings", ComputeTypeShapes.SCALE_SETTINGS);
        if (!ContractFeature.PATCH_NESTED_PROPERTIES.in(version)) {
            return Obj.of("ClusterUpdateParameters",
                    required("properties", Obj.of("ClusterUpdateProperties", scaleSettings)
                            .withHint(PATCH_HINT_BEFORE_2021_07_01)))
                    .withHint(PATCH_HINT_BEFORE_2021_07_01);
        }
        return Obj.of("ClusterUpdateParameters",
                required("properties", Obj.of("ClusterUpdateProperties",
                        required("properties", Obj.of("ScaleSettingsInformation", scaleSettings)
                                .withHint(PATCH_HINT)))
                        .withHint(PATCH_HINT)))
                .withHint(PATCH_HINT);
    }

    /** The JSON path of the scale settings in the version's PATCH body. */
    static String patchScaleSettingsPath(ComputeApiVersion version) {
        return ContractFeature.PATCH_NESTED_PROPERTIES.in(version)
                ? "properties.properties.scaleSettings" : "properties.scaleSettings";
    }

    /**
     * The {@code ErrorResponse} inside a resource ({@code provisioningErrors[]}, AmlCompute {@code errors[]}):
     * {@code {error: {code, message, target, details, additionalInfo}}}; before 2021-04-01 (MachineLearningServiceError)
     * the error had no {@code target}.
     */
    static Obj errorResponse(ComputeApiVersion version) {
        List<Field> detail = new ArrayList<>(List.of(readOnly("code"), readOnly("message")));
        if (ContractFeature.ERROR_TARGET.in(version)) {
            detail.add(readOnly("target"));
        }
        detail.add(readOnly("details"));
        detail.add(readOnly("additionalInfo"));
        return Obj.of("ErrorResponse", readOnly("error", new Obj("ErrorDetail", detail, null)));
    }

    /** {@code Compute}: discriminated on {@code computeType}; each emulated subtype is base + its properties. */
    private static Shape.Discriminated compute(ComputeApiVersion version) {
        Obj base = new Obj("Compute", computeBase(version), null);
        Map<String, Obj> subtypes = new LinkedHashMap<>();
        ComputeTypeShapes.forVersion(version).forEach((type, properties) -> subtypes.put(type.wireName(),
                new Obj(type.wireName(), base.fields(), null).plus(optional("properties", properties))));
        List<String> known = Arrays.stream(ArmComputeType.values()).filter(type -> knows(version, type))
                .map(ArmComputeType::wireName).toList();
        return new Shape.Discriminated("computeType", known, base, subtypes);
    }

    /** The {@code ComputeType} values of the version's union (those with a subtype in its definitions). */
    static boolean knows(ComputeApiVersion version, ArmComputeType type) {
        return switch (type) {
            case KUBERNETES -> ContractFeature.KUBERNETES_TYPE.in(version);
            case SYNAPSE_SPARK -> ContractFeature.SYNAPSE_SPARK_TYPE.in(version);
            case COMPUTE_INSTANCE -> ContractFeature.COMPUTE_INSTANCE_TYPE.in(version);
            default -> true;
        };
    }

    /** Fields every {@code Compute} subtype has (the base type; {@code computeType} is the discriminator). */
    private static List<Field> computeBase(ComputeApiVersion version) {
        List<Field> fields = new ArrayList<>(List.of(
                required("computeType", Shape.TEXT),
                optional("computeLocation", Shape.TEXT),
                readOnly("provisioningState"),
                optional("description", Shape.TEXT)));
        if (ContractFeature.CREATED_AND_MODIFIED_ON.in(version)) {
            fields.add(readOnly("createdOn"));
            fields.add(readOnly("modifiedOn"));
        }
        fields.add(optional("resourceId", Shape.TEXT));
        fields.add(readOnly("provisioningErrors", new Shape.ListOf(errorResponse(version))));
        fields.add(readOnly("isAttachedCompute"));
        if (ContractFeature.DISABLE_LOCAL_AUTH.in(version)) {
            fields.add(optional("disableLocalAuth", Shape.BOOLEAN));
        }
        return fields;
    }

    /** {@code Sku}: two free strings until 2022-05-01, then common-types' Sku. */
    private static Obj sku(ComputeApiVersion version) {
        if (!ContractFeature.SKU_WITH_CAPACITY.in(version)) {
            return Obj.of("Sku", optional("name", Shape.TEXT), optional("tier", Shape.TEXT));
        }
        return Obj.of("Sku",
                required("name", Shape.TEXT),
                optional("tier", new OneOf("SkuTier", List.of("Free", "Basic", "Standard", "Premium"))),
                optional("size", Shape.TEXT),
                optional("family", Shape.TEXT),
                optional("capacity", Shape.INT32));
    }

    /** {@code Identity} (until 2022-05-01 the provider's own, then common-types' ManagedServiceIdentity). */
    private static Obj identity(ComputeApiVersion version) {
        List<String> types = ContractFeature.USER_ASSIGNED_IDENTITY.in(version)
                ? List.of("None", "SystemAssigned", "UserAssigned", "SystemAssigned,UserAssigned")
                : List.of("SystemAssigned");
        OneOf type = new OneOf("ManagedServiceIdentityType", types);
        List<Field> fields = new ArrayList<>(List.of(readOnly("principalId"), readOnly("tenantId"),
                ContractFeature.IDENTITY_TYPE_REQUIRED.in(version) ? required("type", type) : optional("type", type)));
        if (ContractFeature.USER_ASSIGNED_IDENTITY.in(version)) {
            List<Field> assigned = new ArrayList<>(List.of(readOnly("principalId"), readOnly("clientId")));
            if (ContractFeature.USER_ASSIGNED_IDENTITY_TENANT_ID.in(version)) {
                assigned.add(readOnly("tenantId"));
            }
            fields.add(optional("userAssignedIdentities",
                    new Shape.MapOf(new Obj("UserAssignedIdentity", assigned, null))));
        }
        return new Obj("ManagedServiceIdentity", fields, null);
    }
}
