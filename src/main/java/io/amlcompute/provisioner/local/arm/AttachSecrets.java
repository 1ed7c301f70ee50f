package io.amlcompute.provisioner.local.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The credentials an attach presented, kept in memory only for Compute_ListKeys ({@code ComputeSecrets}: a
 * VirtualMachine's {@code administratorAccount}, a Databricks compute's {@code databricksAccessToken}). They never
 * reach the ledger, its file, the request log or a GET ("Any secrets ... are not returned – use 'keys' nested
 * resource", Compute_Get); after an emulator restart listKeys answers without them. Thread-safe.
 */
final class AttachSecrets {

    private final Map<String, ObjectNode> byCompute = new ConcurrentHashMap<>();

    /** Keeps the secrets of an accepted attach PUT ({@code body} as sent). */
    void keep(WorkspaceKey workspace, String name, ArmComputeType type, JsonNode body) {
        JsonNode inner = body.path("properties").path("properties");
        ObjectNode secrets = switch (type) {
            case VIRTUAL_MACHINE -> inner.path("administratorAccount").isObject()
                    ? ((ObjectNode) inner.get("administratorAccount")).deepCopy() : null;
            case DATABRICKS -> inner.path("databricksAccessToken").isTextual()
                    ? io.amlcompute.provisioner.contract.Json.MAPPER.createObjectNode()
                    .put("databricksAccessToken", inner.get("databricksAccessToken").textValue()) : null;
            default -> null;
        };
        if (secrets != null) {
            byCompute.put(key(workspace, name), secrets);
        }
    }

    ObjectNode find(WorkspaceKey workspace, String name) {
        ObjectNode secrets = byCompute.get(key(workspace, name));
        return secrets == null ? null : secrets.deepCopy();
    }

    void forget(WorkspaceKey workspace, String name) {
        byCompute.remove(key(workspace, name));
    }

    private static String key(WorkspaceKey workspace, String name) {
        return workspace + "/" + name.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "AttachSecrets[" + byCompute.size() + " computes]";
    }
}
