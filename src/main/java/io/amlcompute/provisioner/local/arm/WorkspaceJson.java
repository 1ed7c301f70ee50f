package io.amlcompute.provisioner.local.arm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlcompute.provisioner.contract.Json;

/**
 * A seeded workspace as Workspaces_Get returns it, reduced to the envelope and the one property a compute client
 * needs: {@code location}, the workspace's region, which every compute of the workspace carries as its own
 * envelope location. Shape from the spec's example {@code examples/Workspace/get.json} (Azure/azure-rest-api-specs,
 * {@code specification/machinelearningservices/resource-manager/Microsoft.MachineLearningServices/stable/2025-12-01},
 * commit 7272cd8c466f6c4f1a70940ff1df4598640424af): {@code id}, {@code name}, {@code type}, {@code location} and
 * {@code properties} (here only {@code friendlyName}; the storage account, key vault and the rest are not emulated).
 */
final class WorkspaceJson {

    static final String RESOURCE_TYPE = "Microsoft.MachineLearningServices/workspaces";

    private WorkspaceJson() {
    }

    static ObjectNode render(Workspace workspace) {
        ObjectNode resource = Json.MAPPER.createObjectNode();
        resource.put("id", workspace.resourceId());
        resource.put("name", workspace.name());
        resource.put("type", RESOURCE_TYPE);
        resource.put("location", workspace.location());
        resource.putObject("properties").put("friendlyName", workspace.name());
        return resource;
    }
}
