package io.amlcompute.provisioner.provisioning.preflight;

import io.amlcompute.provisioner.contract.WorkspaceRef;
import io.amlcompute.provisioner.provisioning.ErrorKind;
import io.amlcompute.provisioner.provisioning.ProvisioningException;

/**
 * The port through which the pre-flight reads what ARM publishes for a region (subscription scope, 2025-12-01):
 * {@code VirtualMachineSizes_List}, {@code Usages_List} and {@code Quotas_List} under
 * {@code /subscriptions/{s}/providers/Microsoft.MachineLearningServices/locations/{region}}, and the workspace's own
 * region for requests that name none. The app's identity needs
 * {@code Microsoft.MachineLearningServices/locations/vmsizes/read}, {@code .../locations/usages/read} and
 * {@code .../locations/quotas/read} on the subscription.
 *
 * <p>Every failure surfaces as a {@link ProvisioningException} in the project's taxonomy ({@link ErrorKind#FORBIDDEN}
 * when the identity lacks a right), after the adapter's bounded retries. Implementations are thread-safe.
 */
public interface RegionReader {

    /** The region of the workspace ({@code Workspaces_Get}, {@code location}). */
    String workspaceRegion(WorkspaceRef workspace, String correlationId);

    /** The VM sizes, usages and quotas of {@code region} (every page). */
    RegionOffer read(String subscriptionId, String region, String correlationId);
}
