package io.amlcompute.provisioner.arm;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.contract.ComputeType;
import io.amlcompute.provisioner.contract.WireNamed;
import io.amlcompute.provisioner.provisioning.ComputeResource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads ARM's {@code ComputeResource} JSON into the port's {@link ComputeResource}. Lenient by design: every enum of
 * the contract is extensible ({@code modelAsString}), and bodies are sparse while a compute is Creating (only
 * {@code computeType} and {@code provisioningState}), so unknown values are kept as they come and missing fields
 * read as null. Secret fields are never read, even if a body carries them.
 */
final class ComputeResourceReader {

    /** What a body without {@code provisioningState} is taken to be in; the contract's first enum value. */
    static final String UNKNOWN_STATE = "Unknown";

    private ComputeResourceReader() {
    }

    /**
     * @param fallbackId    the id when the body has none
     * @param fallbackType  the computeType when the body has none (the type just written), or null
     * @param fallbackState the provisioningState when the body has none
     */
    static ComputeResource read(JsonNode root, String fallbackId, String fallbackType, String fallbackState) {
        JsonNode compute = root.path("properties");
        JsonNode inner = compute.path("properties");
        String computeType = textOr(compute.get("computeType"), fallbackType);
        boolean aml = ComputeType.AML_COMPUTE.wireName().equals(computeType);
        boolean instance = ComputeType.COMPUTE_INSTANCE.wireName().equals(computeType);

        ComputeStatus status = new ComputeStatus(
                textOr(compute.get("provisioningState"), fallbackState == null ? UNKNOWN_STATE : fallbackState),
                aml ? text(inner.get("allocationState")) : null,
                aml ? nodeCounts(inner) : null,
                errors(compute.get("provisioningErrors"), aml || instance ? inner.get("errors") : null),
                instance && inner.isObject() ? InstanceResourceReader.status(inner) : null);

        return new ComputeResource(
                textOr(root.get("id"), fallbackId),
                computeType,
                attached(compute.get("isAttachedCompute"), computeType),
                text(compute.get("resourceId")),
                computeLocation(compute, root),
                text(compute.get("description")),
                status,
                aml && inner.isObject() ? cluster(inner) : null,
                tags(root.get("tags")),
                instance && inner.isObject() ? InstanceResourceReader.settings(inner) : null);
    }

    /**
     * The compute's own region: {@code properties.computeLocation}, else the envelope {@code location} (the
     * workspace's region), as azure-ai-ml's {@code AmlCompute._load_from_rest} reads it.
     */
    private static String computeLocation(JsonNode compute, JsonNode root) {
        String own = text(compute.get("computeLocation"));
        return own != null ? own : text(root.get("location"));
    }

    /** A sparse body may leave {@code isAttachedCompute} out; then the type decides (AmlCompute is never attached). */
    private static boolean attached(JsonNode flag, String computeType) {
        if (flag != null && flag.isBoolean()) {
            return flag.booleanValue();
        }
        return computeType != null && WireNamed.lookup(ComputeType.class, computeType)
                .map(ComputeType::attachable).orElse(false);
    }

    private static ComputeResource.ClusterSettings cluster(JsonNode inner) {
        JsonNode scale = inner.path("scaleSettings");
        return new ComputeResource.ClusterSettings(
                text(inner.get("vmSize")),
                text(inner.get("vmPriority")),
                integer(scale.get("minNodeCount")),
                integer(scale.get("maxNodeCount")),
                text(scale.get("nodeIdleTimeBeforeScaleDown")),
                text(inner.get("osType")),
                text(inner.get("remoteLoginPortPublicAccess")),
                bool(inner.get("enableNodePublicIp")),
                text(inner.path("subnet").get("id")));
    }

    /** Null until ARM reports any count (contract: all x-nullable, absent during Creating). */
    private static ComputeStatus.NodeCounts nodeCounts(JsonNode inner) {
        JsonNode counts = inner.get("nodeStateCounts");
        boolean anyCount = present(inner.get("currentNodeCount")) || present(inner.get("targetNodeCount"))
                || (counts != null && counts.isObject());
        if (!anyCount) {
            return null;
        }
        JsonNode c = counts == null ? inner.path("nodeStateCounts") : counts;
        return new ComputeStatus.NodeCounts(
                intOrZero(inner.get("currentNodeCount")),
                intOrZero(inner.get("targetNodeCount")),
                intOrZero(c.get("idleNodeCount")),
                intOrZero(c.get("runningNodeCount")),
                intOrZero(c.get("preparingNodeCount")),
                intOrZero(c.get("unusableNodeCount")),
                intOrZero(c.get("leavingNodeCount")),
                intOrZero(c.get("preemptedNodeCount")));
    }

    /** Provisioning errors, then node-setup (or an instance's) errors; both arrays of {@code ErrorResponse}. */
    private static List<ComputeStatus.ErrorInfo> errors(JsonNode provisioningErrors, JsonNode nodeErrors) {
        List<ComputeStatus.ErrorInfo> errors = new ArrayList<>();
        for (JsonNode list : new JsonNode[]{provisioningErrors, nodeErrors}) {
            if (list != null && list.isArray()) {
                list.forEach(item -> {
                    ComputeStatus.ErrorInfo error = errorInfo(item);
                    // A failed instance reports its error in both lists.
                    if (error != null && !errors.contains(error)) {
                        errors.add(error);
                    }
                });
            }
        }
        return errors;
    }

    /**
     * One {@code ErrorResponse} ({@code {"error": ErrorDetail}}); a bare {@code ErrorDetail} is read too. When the
     * top level has no message, the first detail's is used.
     */
    private static ComputeStatus.ErrorInfo errorInfo(JsonNode item) {
        if (item == null || !item.isObject()) {
            return null;
        }
        JsonNode detail = item.has("error") && item.get("error").isObject() ? item.get("error") : item;
        String code = text(detail.get("code"));
        String message = text(detail.get("message"));
        JsonNode nested = detail.path("details");
        if (nested.isArray() && !nested.isEmpty()) {
            JsonNode first = nested.get(0);
            code = code == null ? text(first.get("code")) : code;
            message = message == null ? text(first.get("message")) : message;
        }
        if (code == null && message == null) {
            return null;
        }
        return ComputeStatus.ErrorInfo.of(code == null ? "UnknownError" : code,
                message == null ? "" : message);
    }

    private static Map<String, String> tags(JsonNode tags) {
        Map<String, String> result = new LinkedHashMap<>();
        if (tags != null && tags.isObject()) {
            tags.fields().forEachRemaining(e -> {
                if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                    result.put(e.getKey(), e.getValue().asText());
                }
            });
        }
        return result;
    }

    private static boolean present(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    private static String text(JsonNode node) {
        return node != null && node.isValueNode() && !node.isNull() ? node.asText() : null;
    }

    private static String textOr(JsonNode node, String fallback) {
        String value = text(node);
        return value == null ? fallback : value;
    }

    private static Integer integer(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return node.intValue();
        }
        if (node.isTextual()) {
            try {
                return Integer.valueOf(node.textValue().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static int intOrZero(JsonNode node) {
        Integer value = integer(node);
        return value == null ? 0 : value;
    }

    private static Boolean bool(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual()) {
            String value = node.textValue().trim();
            if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                return Boolean.valueOf(value);
            }
        }
        return null;
    }
}
