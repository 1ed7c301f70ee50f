package io.amlcompute.provisioner.local.arm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.local.arm.AsyncOperation.Status;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The polling side of the LROs, on the emulator itself (azure-core follows these URLs on any host and scheme):
 * <ul>
 *   <li>{@code Azure-AsyncOperation}: {@code .../locations/{loc}/operationStatuses/{id}} answers 200 with
 *       {@code OperationStatusResult {id, name, status, startTime, endTime, error}};</li>
 *   <li>{@code Location} (DELETE and the power actions): {@code .../locations/{loc}/operationResults/{id}} answers 202
 *       while running, then 204 for a delete, start, stop or restart (200 with the resource for a create/update), or
 *       the failure's error envelope.</li>
 * </ul>
 * The path segments follow the ARM RPC convention; clients must treat them as opaque.
 */
final class OperationEndpoints {

    private static final String PROVIDER = "/providers/Microsoft.MachineLearningServices/locations/";

    private final URI endpoint;
    private final ComputeLedger ledger;
    private final EmulatorSettings settings;
    private final Map<WorkspaceKey, Workspace> workspaces;

    OperationEndpoints(URI endpoint, ComputeLedger ledger, EmulatorSettings settings,
                       Map<WorkspaceKey, Workspace> workspaces) {
        this.endpoint = endpoint;
        this.ledger = ledger;
        this.settings = settings;
        this.workspaces = workspaces;
    }

    /** The operation's URLs carry the api-version of the request that started it, as ARM's do. */
    String statusUrl(Workspace workspace, AsyncOperation operation, ComputeContract contract) {
        return url(workspace, operation, "operationStatuses", contract.wireName());
    }

    String resultUrl(Workspace workspace, AsyncOperation operation, ComputeContract contract) {
        return url(workspace, operation, "operationResults", contract.wireName());
    }

    private String url(Workspace workspace, AsyncOperation operation, String kind, String apiVersion) {
        return endpoint + "/subscriptions/" + workspace.subscriptionId() + PROVIDER + operation.location() + "/"
                + kind + "/" + operation.id() + "?api-version=" + URLEncoder.encode(apiVersion, StandardCharsets.UTF_8);
    }

    /** The URL of a polling request itself, for the {@code Location} header of a 202. */
    String selfUrl(String path, String apiVersion) {
        return endpoint + path + "?api-version=" + URLEncoder.encode(apiVersion, StandardCharsets.UTF_8);
    }

    /** GET on an {@code Azure-AsyncOperation} URL. */
    ArmResponse status(String subscriptionId, String operationId, String path) {
        AsyncOperation operation = find(subscriptionId, operationId);
        Instant now = settings.clock().instant();
        Status status = operation.statusAt(now);
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("id", path);
        body.put("name", operation.id());
        body.put("status", status.wireName());
        body.put("startTime", operation.startTime().toString());
        if (status != Status.IN_PROGRESS) {
            body.put("endTime", operation.endTime().toString());
        }
        if (status == Status.FAILED) {
            body.set("error", operation.failure().toDetailJson());
        }
        ArmResponse response = ArmResponse.json(HttpURLConnection.HTTP_OK, body);
        return status == Status.IN_PROGRESS ? withRetryAfter(response) : response;
    }

    /** GET on a {@code Location} URL; a finished create or update answers the resource in the URL's version. */
    ArmResponse result(String subscriptionId, String operationId, String selfUrl, ComputeContract contract) {
        AsyncOperation operation = find(subscriptionId, operationId);
        Instant now = settings.clock().instant();
        switch (operation.statusAt(now)) {
            case IN_PROGRESS -> {
                return withRetryAfter(ArmResponse.empty(HttpURLConnection.HTTP_ACCEPTED).withHeader("Location", selfUrl));
            }
            case FAILED -> {
                return ArmResponse.error(HttpURLConnection.HTTP_BAD_REQUEST, operation.failure());
            }
            default -> {
                if (operation.kind() != AsyncOperation.Kind.CREATE && operation.kind() != AsyncOperation.Kind.UPDATE) {
                    // A delete, and the power actions, end without a result body (2026-07-01: final-state-via
                    // location, no final-state-schema for Compute_Delete, Start, Stop and Restart).
                    return ArmResponse.empty(HttpURLConnection.HTTP_NO_CONTENT);
                }
                Workspace workspace = workspaces.get(operation.workspace());
                Optional<ObservedCompute> compute = workspace == null ? Optional.empty()
                        : ledger.find(operation.workspace(), operation.computeName(), now);
                return compute.map(c -> ArmResponse.json(HttpURLConnection.HTTP_OK,
                                ComputeResourceJson.render(c, workspace, c.provisioningState(), contract)))
                        .orElse(ArmResponse.empty(HttpURLConnection.HTTP_NO_CONTENT));
            }
        }
    }

    private AsyncOperation find(String subscriptionId, String operationId) {
        return ledger.operation(operationId)
                .filter(op -> op.workspace().subscriptionId().equalsIgnoreCase(subscriptionId))
                .orElseThrow(() -> new ArmRefusal(HttpURLConnection.HTTP_NOT_FOUND, ArmError.of("ResourceNotFound",
                        "The operation '" + operationId + "' was not found in subscription '" + subscriptionId
                                + "'.")));
    }

    ArmResponse withRetryAfter(ArmResponse response) {
        return settings.retryAfterHeader().map(seconds -> response.withHeader("Retry-After", seconds))
                .orElse(response);
    }
}
