package io.amlcompute.provisioner.local.arm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlcompute.provisioner.contract.Json;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The reads of the compute API: Compute_Get and Compute_List ({@code PaginatedComputeResourcesList} with
 * {@code nextLink} carrying a {@code $skip} continuation token, as the contract's x-ms-pageable says).
 */
final class ComputeQueries {

    private final ComputeLedger ledger;
    private final EmulatorSettings settings;
    private final URI endpoint;

    ComputeQueries(ComputeLedger ledger, EmulatorSettings settings, URI endpoint) {
        this.ledger = ledger;
        this.settings = settings;
        this.endpoint = endpoint;
    }

    ArmResponse get(Workspace workspace, String name, ComputeContract contract) {
        ObservedCompute compute = ledger.find(workspace.key(), name, settings.clock().instant())
                .orElseThrow(() -> notFound(workspace, name));
        return ArmResponse.json(HttpURLConnection.HTTP_OK,
                ComputeResourceJson.render(compute, workspace, compute.provisioningState(), contract));
    }

    ArmResponse list(Workspace workspace, IncomingRequest request, ComputeContract contract) {
        int skip = ListPages.skip(request);
        Instant now = settings.clock().instant();
        List<ObservedCompute> computes = ledger.list(workspace.key(), now);
        int end = Math.min(computes.size(), skip + settings.listPageSize());
        ObjectNode page = Json.MAPPER.createObjectNode();
        ArrayNode value = page.putArray("value");
        for (ObservedCompute compute : computes.subList(Math.min(skip, computes.size()), end)) {
            value.add(ComputeResourceJson.render(compute, workspace, compute.provisioningState(), contract));
        }
        if (end < computes.size()) {
            page.put("nextLink", endpoint + request.path() + "?api-version="
                    + URLEncoder.encode(contract.wireName(), StandardCharsets.UTF_8) + "&$skip=" + end);
        }
        return ArmResponse.json(HttpURLConnection.HTTP_OK, page);
    }


    /** ARM's 404 for a compute that does not exist (or whose deletion has finished). */
    static ArmRefusal notFound(Workspace workspace, String name) {
        return new ArmRefusal(HttpURLConnection.HTTP_NOT_FOUND, ArmError.of("ResourceNotFound",
                "The Resource '" + ComputeResourceJson.RESOURCE_TYPE.replace("/computes", "/" + workspace.name()
                        + "/computes/" + name) + "' under resource group '" + workspace.resourceGroup()
                        + "' was not found."));
    }
}
