package io.amlcompute.provisioner.local.arm;

import java.net.HttpURLConnection;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code api-version} query parameter, checked as ARM checks it before a request reaches the provider.
 * <ul>
 *   <li>absent: 400 {@code MissingApiVersionParameter} ("The api-version query parameter (?api-version=) is required
 *       for all requests.");</li>
 *   <li>not registered for the resource type: 400 {@code NoRegisteredProviderFound}, "No registered resource provider
 *       found for location '{location}' and API version '{version}' for type '{type}'. The supported api-versions are
 *       '{v1, v2, ...}'. The supported locations are '{l1, l2, ...}'." As seen from ARM for this provider
 *       (Azure/azure-sdk-for-js#4097, type {@code workspaces}; microsoft/vscode-tools-for-ai#940, nested type
 *       {@code workspaces/models}) and others with status 400 (pulumi/pulumi-azure-native#4097,
 *       Azure/azure-powershell#2230).</li>
 * </ul>
 * {@code InvalidApiVersionParameter} ("The api-version '…' is invalid. The supported versions are '…'", listing ARM's
 * own versions) is ARM's answer on its own endpoints (resource groups, deployments, role assignments: e.g.
 * Azure/azure-cli#28038, ansible-collections/azure#1739), none of which the emulator serves.
 */
final class ApiVersionCheck {

    private final List<ComputeApiVersion> accepted;
    private final Map<WorkspaceKey, Workspace> workspaces;

    ApiVersionCheck(List<ComputeApiVersion> accepted, Map<WorkspaceKey, Workspace> workspaces) {
        this.accepted = List.copyOf(accepted);
        this.workspaces = Map.copyOf(workspaces);
    }

    /** The contract of the request's api-version, or ARM's refusal. */
    ComputeContract contractFor(IncomingRequest request, ArmRoute route) {
        String version = request.queryParameter("api-version").filter(v -> !v.isEmpty())
                .orElseThrow(() -> new ArmRefusal(HttpURLConnection.HTTP_BAD_REQUEST,
                        ArmError.of("MissingApiVersionParameter",
                                "The api-version query parameter (?api-version=) is required for all requests.",
                                "api-version")));
        return ComputeApiVersion.fromWireName(version).filter(accepted::contains).map(ComputeContract::of)
                .orElseThrow(() -> new ArmRefusal(HttpURLConnection.HTTP_BAD_REQUEST,
                        ArmError.of("NoRegisteredProviderFound", "No registered resource provider found for location '"
                                + location(route) + "' and API version '" + version + "' for type '"
                                + route.resourceType() + "'. The supported api-versions are '" + supportedVersions()
                                + "'. The supported locations are '" + supportedLocations() + "'.", "api-version")));
    }

    /** Newest first, as ARM lists them. */
    private String supportedVersions() {
        return String.join(", ", accepted.stream().sorted(java.util.Comparator.reverseOrder())
                .map(ComputeApiVersion::wireName).toList());
    }

    private String supportedLocations() {
        return String.join(", ", regions(workspaces.values()));
    }

    /**
     * The region ARM would route to: the location segment of an operation URL, the seeded workspace's region, else
     * {@code *} (the sources show the sentence, not how ARM picks the region of a parent it cannot find).
     */
    private String location(ArmRoute route) {
        if (route instanceof ArmRoute.OperationStatus status) {
            return status.location();
        }
        if (route instanceof ArmRoute.OperationResult result) {
            return result.location();
        }
        return workspaceKey(route).map(workspaces::get).map(Workspace::location).orElse("*");
    }

    private static Optional<WorkspaceKey> workspaceKey(ArmRoute route) {
        if (route instanceof ArmRoute.WorkspaceResource r) {
            return Optional.of(new WorkspaceKey(r.subscriptionId(), r.resourceGroup(), r.workspace()));
        }
        if (route instanceof ArmRoute.ComputeCollection r) {
            return Optional.of(new WorkspaceKey(r.subscriptionId(), r.resourceGroup(), r.workspace()));
        }
        if (route instanceof ArmRoute.Compute r) {
            return Optional.of(new WorkspaceKey(r.subscriptionId(), r.resourceGroup(), r.workspace()));
        }
        if (route instanceof ArmRoute.ComputeAction r) {
            return Optional.of(new WorkspaceKey(r.subscriptionId(), r.resourceGroup(), r.workspace()));
        }
        return Optional.empty();
    }

    private static List<String> regions(Collection<Workspace> workspaces) {
        return workspaces.stream().map(Workspace::location).distinct().sorted().toList();
    }
}
