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
import java.util.Map;
import java.util.TreeSet;

/**
 * Answers the region lists (VirtualMachineSizes_List, Usages_List, Quotas_List, 2025-12-01) from the seeded regions
 * ({@link RegionSeed}) and the clusters the emulator holds ({@link RegionUsage}), in ARM's order: method (405),
 * api-version (400), subscription (404), the caller's rights (403), then the list. Usages and quotas are pageable
 * ({@code x-ms-pageable}, {@code nextLink}); their pages hold {@code listPageSize} rows, with a {@code $skip}
 * continuation as the compute list has; vmSizes is not pageable.
 */
final class RegionReads {

    /**
     * The object id the 403 names; ARM names the caller ("The client '{id}' with object id '{id}' ..."), which the
     * emulator does not know, so it names this fixed id.
     */
    static final String CALLER_OBJECT_ID = "00000000-0000-0000-0000-0000000e0001";

    private final ComputeLedger ledger;
    private final Map<WorkspaceKey, Workspace> workspaces;
    private final EmulatorSettings settings;
    private final URI endpoint;

    RegionReads(ComputeLedger ledger, Map<WorkspaceKey, Workspace> workspaces, EmulatorSettings settings,
                URI endpoint) {
        this.ledger = ledger;
        this.workspaces = Map.copyOf(workspaces);
        this.settings = settings;
        this.endpoint = endpoint;
    }

    ArmResponse answer(RegionRoute route, IncomingRequest request) {
        if (!request.isMethod("GET")) {
            return ArmResponse.error(HttpURLConnection.HTTP_BAD_METHOD, ArmError.of("MethodNotAllowed",
                    "The requested resource does not support http method '" + request.method() + "'."))
                    .withHeader("Allow", "GET");
        }
        String apiVersion = checkApiVersion(route, request);
        if (workspaces.keySet().stream().noneMatch(k -> k.subscriptionId().equalsIgnoreCase(route.subscriptionId()))) {
            return ArmResponse.error(HttpURLConnection.HTTP_NOT_FOUND, ArmError.of("SubscriptionNotFound",
                    "The subscription '" + route.subscriptionId() + "' could not be found."));
        }
        if (settings.deniedActions().contains(route.list().action())) {
            return forbidden(route);
        }
        RegionQuotas quotas = settings.regions().region(route.location());
        List<VmSizeSpec> offered = quotas.offeredSizes(settings.vmSizes());
        return switch (route.list()) {
            case VM_SIZES -> {
                ObjectNode body = Json.MAPPER.createObjectNode();
                body.set("value", RegionJson.vmSizes(offered));
                yield ArmResponse.json(HttpURLConnection.HTTP_OK, body);
            }
            case USAGES -> {
                Instant now = settings.clock().instant();
                RegionUsage usage = RegionUsage.of(ledger.all(), workspaces, settings.vmSizes(), route.subscriptionId(),
                        route.location(), now);
                yield page(RegionJson.usages(route.subscriptionId(), quotas, offered, usage), request, apiVersion);
            }
            case QUOTAS -> page(RegionJson.quotas(route.subscriptionId(), quotas, offered, workspaces), request,
                    apiVersion);
        };
    }

    /**
     * The region lists are served in the one api-version whose contract the emulator transcribes; any other is
     * refused as ARM refuses a version a provider has not registered for a type (NoRegisteredProviderFound, 400:
     * "No registered resource provider found for location '…' and API version '…' for type '…'. The supported
     * api-versions are '…'. The supported locations are '…'.", e.g. Azure/azure-cli#28496, Azure/CloudShell#177).
     */
    private String checkApiVersion(RegionRoute route, IncomingRequest request) {
        String version = request.queryParameter("api-version").filter(v -> !v.isEmpty())
                .orElseThrow(() -> new ArmRefusal(HttpURLConnection.HTTP_BAD_REQUEST,
                        ArmError.of("MissingApiVersionParameter",
                                "The api-version query parameter (?api-version=) is required for all requests.",
                                "api-version")));
        if (!version.equals(ArmEmulator.DEFAULT_API_VERSION)) {
            TreeSet<String> locations = new TreeSet<>();
            workspaces.values().forEach(w -> locations.add(RegionCatalog.normalized(w.location())));
            throw new ArmRefusal(HttpURLConnection.HTTP_BAD_REQUEST, ArmError.of("NoRegisteredProviderFound",
                    "No registered resource provider found for location '" + route.location() + "' and API version '"
                            + version + "' for type '" + route.list().resourceType() + "'. The supported api-versions"
                            + " are '" + ArmEmulator.DEFAULT_API_VERSION + "'. The supported locations are '"
                            + String.join(", ", locations) + "'.", "api-version"));
        }
        return version;
    }

    /**
     * ARM's answer to a caller without the action: 403 AuthorizationFailed, "The client '{id}' with object id '{id}'
     * does not have authorization to perform action '{action}' over scope '{scope}' or the scope is invalid. If
     * access was recently granted, please refresh your credentials." (as quoted in Azure/azure-sdk-for-python#39980
     * and MicrosoftDocs/azure-docs#36641).
     */
    private static ArmResponse forbidden(RegionRoute route) {
        return ArmResponse.error(HttpURLConnection.HTTP_FORBIDDEN, ArmError.of("AuthorizationFailed",
                "The client '" + CALLER_OBJECT_ID + "' with object id '" + CALLER_OBJECT_ID + "' does not have "
                        + "authorization to perform action '" + route.list().action() + "' over scope '"
                        + route.locationScope() + "' or the scope is invalid. If access was recently granted, please "
                        + "refresh your credentials."));
    }

    private ArmResponse page(ArrayNode rows, IncomingRequest request, String apiVersion) {
        int skip = ListPages.skip(request);
        int end = Math.min(rows.size(), skip + settings.listPageSize());
        ObjectNode page = Json.MAPPER.createObjectNode();
        ArrayNode value = page.putArray("value");
        for (int i = Math.min(skip, rows.size()); i < end; i++) {
            value.add(rows.get(i));
        }
        if (end < rows.size()) {
            page.put("nextLink", endpoint + request.path() + "?api-version="
                    + URLEncoder.encode(apiVersion, StandardCharsets.UTF_8) + "&$skip=" + end);
        }
        return ArmResponse.json(HttpURLConnection.HTTP_OK, page);
    }
}
