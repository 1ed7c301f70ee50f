package io.amlcompute.provisioner.local.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.local.arm.ObservedCompute.NodePool;
import io.amlcompute.provisioner.local.arm.ObservedCompute.ProvisioningState;
import java.util.List;

/**
 * Renders a compute as the {@code ComputeResource} JSON of the contract, in the shape of the request's api-version
 * ({@link ComputeContract#shape}). Secret fields are not in the stored definition, so nothing here can return them
 * ("Any secrets ... are not returned", Compute_Get).
 */
final class ComputeResourceJson {

    static final String RESOURCE_TYPE = "Microsoft.MachineLearningServices/workspaces/computes";
    /** The service's default idle time before scale-down when a PUT sends none. */
    private static final String DEFAULT_IDLE_TIME = "PT120S";

    private ComputeResourceJson() {
    }

    static String computeId(Workspace workspace, String computeName) {
        return workspace.resourceId() + "/computes/" + computeName;
    }

    /** The full resource as a GET returns it, with {@code shownState} as its provisioning state. */
    static ObjectNode render(ObservedCompute observed, Workspace workspace, ProvisioningState shownState,
                             ComputeContract contract) {
        return contract.shape(renderNewest(observed, workspace, shownState));
    }

    /** The resource in the newest contract's shape, every field the emulator knows. */
    private static ObjectNode renderNewest(ObservedCompute observed, Workspace workspace,
                                           ProvisioningState shownState) {
        StoredCompute stored = observed.stored();
        ComputeDefinition definition = stored.definition();
        ObjectNode resource = envelope(workspace, stored);
        if (definition.tags() != null) {
            resource.set("tags", definition.tags().deepCopy());
        }
        if (definition.sku() != null) {
            resource.set("sku", definition.sku().deepCopy());
        }
        if (definition.identity() != null) {
            resource.set("identity", definition.identity().deepCopy());
        }
        ObjectNode systemData = resource.putObject("systemData");
        systemData.put("createdAt", stored.createdOn().toString());
        systemData.put("lastModifiedAt", stored.modifiedOn().toString());

        ObjectNode compute = resource.putObject("properties");
        compute.put("computeType", definition.computeType().wireName());
        // The compute's own region: as sent, else its workspace's (where Azure ML puts it when none is asked for).
        compute.put("computeLocation", definition.computeLocation() != null ? definition.computeLocation()
                : workspace.location());
        if (definition.description() != null) {
            compute.put("description", definition.description());
        }
        if (definition.resourceId() != null) {
            compute.put("resourceId", definition.resourceId());
        }
        compute.put("provisioningState", shownState.wireName());
        compute.put("createdOn", stored.createdOn().toString());
        compute.put("modifiedOn", stored.modifiedOn().toString());
        if (observed.provisioningErrors().isEmpty()) {
            compute.putNull("provisioningErrors");
        } else {
            compute.set("provisioningErrors", errorResponses(observed.provisioningErrors()));
        }
        compute.put("isAttachedCompute", definition.attached());
        compute.put("disableLocalAuth", Boolean.TRUE.equals(definition.disableLocalAuth()));
        compute.set("properties", typeProperties(observed, definition, workspace));
        return resource;
    }

    /** The sparse body of a PUT answer: {@code properties = {computeType, provisioningState: Creating}}. */
    static ObjectNode renderAccepted(StoredCompute stored, Workspace workspace, ComputeContract contract) {
        ObjectNode resource = envelope(workspace, stored);
        ObjectNode compute = resource.putObject("properties");
        compute.put("computeType", stored.definition().computeType().wireName());
        compute.put("provisioningState", ProvisioningState.CREATING.wireName());
        return contract.shape(resource);
    }

    private static ObjectNode envelope(Workspace workspace, StoredCompute stored) {
        ObjectNode resource = Json.MAPPER.createObjectNode();
        resource.put("id", computeId(workspace, stored.name()));
        resource.put("name", stored.name());
        resource.put("type", RESOURCE_TYPE);
        // Always the workspace's region, spelled as the workspace is (ComputeCommands refuses any other).
        resource.put("location", workspace.location());
        return resource;
    }

    private static ObjectNode typeProperties(ObservedCompute observed, ComputeDefinition definition,
                                             Workspace workspace) {
        ObjectNode properties = definition.properties().deepCopy();
        switch (definition.computeType()) {
            case AML_COMPUTE -> {
                properties.putIfAbsent("osType", text("Linux"));
                properties.putIfAbsent("vmPriority", text("Dedicated"));
                properties.putIfAbsent("isolatedNetwork", Json.MAPPER.getNodeFactory().booleanNode(false));
                properties.putIfAbsent("enableNodePublicIp", Json.MAPPER.getNodeFactory().booleanNode(true));
                // NotSpecified is resolved by the service after create (contract notes 3.3).
                JsonNode access = properties.get("remoteLoginPortPublicAccess");
                if (access == null || access.isNull() || "NotSpecified".equals(access.textValue())) {
                    properties.put("remoteLoginPortPublicAccess", "Enabled");
                }
                ObjectNode scale = (ObjectNode) properties.get("scaleSettings");
                scale.putIfAbsent("minNodeCount", Json.MAPPER.getNodeFactory().numberNode(0));
                scale.putIfAbsent("nodeIdleTimeBeforeScaleDown", text(DEFAULT_IDLE_TIME));
                observed.nodePool().ifPresent(pool -> putNodePool(properties, pool));
            }
            case KUBERNETES -> properties.putIfAbsent("namespace", text("default"));
            case COMPUTE_INSTANCE -> InstanceResourceJson.put(properties, observed, workspace);
            default -> {
            }
        }
        return properties;
    }

    private static void putNodePool(ObjectNode properties, NodePool pool) {
        properties.put("allocationState", pool.allocationState().wireName());
        properties.put("allocationStateTransitionTime", pool.transitionTime().toString());
        if (pool.errors().isEmpty()) {
            properties.putNull("errors");
        } else {
            properties.set("errors", errorResponses(pool.errors()));
        }
        properties.put("currentNodeCount", pool.currentNodeCount());
        properties.put("targetNodeCount", pool.targetNodeCount());
        ObjectNode counts = properties.putObject("nodeStateCounts");
        counts.put("idleNodeCount", pool.nodeStateCounts().idle());
        counts.put("runningNodeCount", 0);
        counts.put("preparingNodeCount", pool.nodeStateCounts().preparing());
        counts.put("unusableNodeCount", pool.nodeStateCounts().unusable());
        counts.put("leavingNodeCount", pool.nodeStateCounts().leaving());
        counts.put("preemptedNodeCount", pool.nodeStateCounts().preempted());
    }

    /** {@code ErrorResponse[]}: each error wrapped as {@code {"error": ErrorDetail}}. */
    private static ArrayNode errorResponses(List<ArmError> errors) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        errors.forEach(error -> array.add(error.toEnvelopeJson()));
        return array;
    }

    private static JsonNode text(String value) {
        return Json.MAPPER.getNodeFactory().textNode(value);
    }
}
