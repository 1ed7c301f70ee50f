package io.amlcompute.provisioner.local.arm;

import java.net.HttpURLConnection;
import java.util.Map;
import java.util.Optional;

/**
 * Decides what a request is and who answers it, in ARM's order: bearer token (401), route (404), api-version (400,
 * {@link ApiVersionCheck}), subscription, resource group and workspace (404), compute name (400), method (405); then
 * delegates, with the contract of the request's api-version, to
 * {@link ComputeQueries}, {@link ComputeCommands}, {@link ComputeActionEndpoints} or {@link OperationEndpoints}, or
 * answers a workspace GET
 * ({@link WorkspaceJson}) itself. Writes to the workspace are not emulated (405).
 */
final class ArmRouter {

    private final EmulatorSettings settings;
    private final Map<WorkspaceKey, Workspace> workspaces;
    private final ComputeQueries queries;
    private final ComputeCommands commands;
    private final OperationEndpoints operations;
    private final ComputeActionEndpoints actions;
    private final ApiVersionCheck apiVersions;
    private final RegionReads regionReads;

    ArmRouter(EmulatorSettings settings, Map<WorkspaceKey, Workspace> workspaces, ComputeQueries queries,
              ComputeCommands commands, OperationEndpoints operations, ComputeActionEndpoints actions,
              RegionReads regionReads) {
        this.settings = settings;
        this.workspaces = Map.copyOf(workspaces);
        this.queries = queries;
        this.commands = commands;
        this.operations = operations;
        this.actions = actions;
        this.apiVersions = new ApiVersionCheck(settings.acceptedApiVersions(), workspaces);
        this.regionReads = regionReads;
    }

    ArmResponse route(IncomingRequest request) {
        try {
            checkBearer(request);
            // The region lists (vmSizes, usages, quotas) have their own reader, with its own api-version check.
            Optional<RegionRoute> region = RegionRoute.parse(request.path());
            if (region.isPresent()) {
                return regionReads.answer(region.get(), request);
            }
            ArmRoute route = ArmRoute.parse(request.path());
            if (route instanceof ArmRoute.Unmatched) {
                return ArmResponse.error(HttpURLConnection.HTTP_NOT_FOUND, ArmError.of("NotFound",
                        "No HTTP resource was found that matches the request URI '" + request.path()
                                + "'. The ARM emulator serves Microsoft.MachineLearningServices workspaces/computes."));
            }
            ComputeContract contract = apiVersions.contractFor(request, route);
            return dispatch(route, request, contract);
        } catch (ArmRefusal refusal) {
            return refusal.response();
        }
    }

    private ArmResponse dispatch(ArmRoute route, IncomingRequest request, ComputeContract contract) {
        if (route instanceof ArmRoute.WorkspaceResource resource) {
            Workspace workspace = workspace(resource.subscriptionId(), resource.resourceGroup(), resource.workspace());
            requireMethod(request, "GET");
            return ArmResponse.json(HttpURLConnection.HTTP_OK, WorkspaceJson.render(workspace));
        }
        if (route instanceof ArmRoute.ComputeCollection collection) {
            Workspace workspace = workspace(collection.subscriptionId(), collection.resourceGroup(),
                    collection.workspace());
            requireMethod(request, "GET");
            return queries.list(workspace, request, contract);
        }
        if (route instanceof ArmRoute.Compute compute) {
            Workspace workspace = workspace(compute.subscriptionId(), compute.resourceGroup(), compute.workspace());
            ComputeNameRule.require(compute.name());
            requireMethod(request, "GET", "PUT", "PATCH", "DELETE");
            return switch (request.method()) {
                case "GET" -> queries.get(workspace, compute.name(), contract);
                case "PUT" -> commands.put(workspace, compute.name(), request, contract);
                case "PATCH" -> commands.patch(workspace, compute.name(), request, contract);
                default -> commands.delete(workspace, compute.name(), request, contract);
            };
        }
        if (route instanceof ArmRoute.ComputeAction action) {
            Workspace workspace = workspace(action.subscriptionId(), action.resourceGroup(), action.workspace());
            ComputeNameRule.require(action.name());
            return actions.post(workspace, action.name(), action.action(), request, contract);
        }
        requireMethod(request, "GET");
        if (route instanceof ArmRoute.OperationStatus status) {
            return operations.status(status.subscriptionId(), status.operationId(), request.path());
        }
        ArmRoute.OperationResult result = (ArmRoute.OperationResult) route;
        return operations.result(result.subscriptionId(), result.operationId(),
                operations.selfUrl(request.path(), contract.wireName()), contract);
    }

    /** Without the expected {@code Authorization: Bearer <token>}, ARM answers 401 with a WWW-Authenticate challenge. */
    private void checkBearer(IncomingRequest request) {
        Optional<Secret> expected = settings.bearerHeader();
        if (expected.isEmpty()) {
            return;
        }
        if (request.authorization().isEmpty()) {
            throw unauthorized("AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.");
        }
        if (!expected.get().sameAs(request.authorization().get())) {
            throw unauthorized("InvalidAuthenticationToken", "The access token is invalid.");
        }
    }

    private static ArmRefusal unauthorized(String code, String message) {
        return new ArmRefusal(ArmResponse.error(HttpURLConnection.HTTP_UNAUTHORIZED, ArmError.of(code, message))
                .withHeader("WWW-Authenticate", "Bearer authorization_uri=\"https://login.microsoftonline.com/common\", "
                        + "error=\"invalid_token\", error_description=\"" + message + "\""));
    }

    /** The seeded workspace, or ARM's 404 for the first level that does not exist. */
    private Workspace workspace(String subscriptionId, String resourceGroup, String name) {
        WorkspaceKey key = new WorkspaceKey(subscriptionId, resourceGroup, name);
        Workspace workspace = workspaces.get(key);
        if (workspace != null) {
            return workspace;
        }
        if (workspaces.keySet().stream().noneMatch(k -> k.subscriptionId().equals(key.subscriptionId()))) {
            throw new ArmRefusal(HttpURLConnection.HTTP_NOT_FOUND, ArmError.of("SubscriptionNotFound",
                    "The subscription '" + subscriptionId + "' could not be found."));
        }
        if (workspaces.keySet().stream().noneMatch(k -> k.subscriptionId().equals(key.subscriptionId())
                && k.resourceGroup().equals(key.resourceGroup()))) {
            throw new ArmRefusal(HttpURLConnection.HTTP_NOT_FOUND, ArmError.of("ResourceGroupNotFound",
                    "Resource group '" + resourceGroup + "' could not be found."));
        }
        throw new ArmRefusal(HttpURLConnection.HTTP_NOT_FOUND, ArmError.of("ParentResourceNotFound",
                "Can not perform requested operation on nested resource. Parent resource '" + name
                        + "' not found."));
    }

    static void requireMethod(IncomingRequest request, String... allowed) {
        for (String method : allowed) {
            if (request.method().equals(method)) {
                return;
            }
        }
        throw new ArmRefusal(ArmResponse.error(HttpURLConnection.HTTP_BAD_METHOD, ArmError.of("MethodNotAllowed",
                "The requested resource does not support http method '" + request.method() + "'."))
                .withHeader("Allow", String.join(", ", allowed)));
    }
}
