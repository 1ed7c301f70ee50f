package io.amlcompute.provisioner.local.arm;

import java.net.HttpURLConnection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The seeded resources an attach (PUT with {@code properties.resourceId}) may point at, and the checks Azure ML makes
 * before attaching: the target exists, it is of the provider/type the compute type attaches, and for Databricks the
 * access token is the workspace's.
 */
final class AttachTargets {

    private static final String PREFIX = "^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/";

    /** The ARM resource types each attachable compute type points at. */
    private static final Map<ArmComputeType, List<String>> RESOURCE_TYPES = Map.of(
            ArmComputeType.DATABRICKS, List.of("Microsoft.Databricks/workspaces/{name}"),
            ArmComputeType.VIRTUAL_MACHINE, List.of("Microsoft.Compute/virtualMachines/{name}"),
            ArmComputeType.KUBERNETES, List.of("Microsoft.Kubernetes/connectedClusters/{name}",
                    "Microsoft.ContainerService/managedClusters/{name}"),
            ArmComputeType.HD_INSIGHT, List.of("Microsoft.HDInsight/clusters/{name}"),
            ArmComputeType.SYNAPSE_SPARK, List.of("Microsoft.Synapse/workspaces/{name}/bigDataPools/{name}"));

    private final Map<String, ExternalResource> byId;

    AttachTargets(List<ExternalResource> resources) {
        this.byId = resources.stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                r -> normalize(r.resourceId()), r -> r, (a, b) -> {
                    throw new IllegalArgumentException("resource seeded twice: " + a.resourceId());
                }));
    }

    static boolean isResourceIdOf(ArmComputeType type, String resourceId) {
        return RESOURCE_TYPES.getOrDefault(type, List.of()).stream()
                .map(template -> Pattern.compile(PREFIX + template.replace(".", "\\.").replace("{name}", "[^/]+")
                        + "/?$", Pattern.CASE_INSENSITIVE))
                .anyMatch(pattern -> pattern.matcher(resourceId).matches());
    }

    static String expectedType(ArmComputeType type) {
        return String.join(" or ", RESOURCE_TYPES.getOrDefault(type, List.of()));
    }

    /** The seeded resource {@code resourceId} names, checked to suit {@code type}; refuses with 400 otherwise. */
    ExternalResource resolve(ArmComputeType type, String resourceId) {
        String target = "properties.resourceId";
        if (!isResourceIdOf(type, resourceId)) {
            throw new ArmRefusal(HttpURLConnection.HTTP_BAD_REQUEST, ArmError.of("InvalidAttachTarget",
                    "A " + type.wireName() + " compute attaches a " + expectedType(type) + " resource; '" + resourceId
                            + "' is not the ARM id of one.", target));
        }
        ExternalResource resource = byId.get(normalize(resourceId));
        if (resource == null || resource.computeType() != type) {
            throw new ArmRefusal(HttpURLConnection.HTTP_BAD_REQUEST, ArmError.of("AttachTargetNotFound",
                    "The resource '" + resourceId + "' to attach as " + type.wireName()
                            + " compute was not found. Check the subscription, resource group and name.", target));
        }
        return resource;
    }

    /** Azure ML answers 403 "Invalid access token" when the Databricks token is not the workspace's. */
    static void checkDatabricksToken(ExternalResource workspace, Secret presented) {
        if (workspace.accessToken() == null || presented == null || !workspace.accessToken().sameAs(presented)) {
            throw new ArmRefusal(HttpURLConnection.HTTP_FORBIDDEN, ArmError.of("Forbidden",
                    "Invalid access token: the Databricks access token was rejected by workspace '"
                            + workspace.resourceId() + "'.", "properties.properties.databricksAccessToken"));
        }
    }

    private static String normalize(String resourceId) {
        String lower = resourceId.toLowerCase(Locale.ROOT);
        return lower.endsWith("/") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
