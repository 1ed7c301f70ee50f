package io.amlcompute.provisioner.contract;

import java.util.Map;
import java.util.Objects;

/**
 * Get-or-create a managed AmlCompute cluster: the option surface of the Azure ML SDK's
 * {@code AmlCompute.provisioning_configuration}.
 *
 * @param location  the Azure region for the cluster's nodes, sent to ARM as {@code properties.computeLocation}
 *                  (the compute resource itself always lives in its workspace's region); null means the
 *                  workspace's region
 * @param subnetId  ARM id of a {@code Microsoft.Network/virtualNetworks/subnets}; null for no VNet
 * @param identity  null for no managed identity
 * @param adminUser null for no admin account on the nodes
 */
public record EnsureAmlCompute(
        String computeName,
        String vmSize,
        VmPriority vmPriority,
        ScaleSettings scale,
        String location,
        String subnetId,
        ManagedIdentity identity,
        OsType osType,
        RemoteLoginPortPublicAccess remoteLoginPortPublicAccess,
        boolean enableNodePublicIp,
        AdminUser adminUser,
        Map<String, String> tags,
        String description) implements ComputeOperation {

    public EnsureAmlCompute {
        Objects.requireNonNull(computeName, "computeName");
        Objects.requireNonNull(vmSize, "vmSize");
        Objects.requireNonNull(vmPriority, "vmPriority");
        Objects.requireNonNull(scale, "scale");
        Objects.requireNonNull(osType, "osType");
        Objects.requireNonNull(remoteLoginPortPublicAccess, "remoteLoginPortPublicAccess");
        tags = Map.copyOf(tags);
    }

    @Override
    public Action action() {
        return Action.ENSURE;
    }

    @Override
    public ComputeType computeType() {
        return ComputeType.AML_COMPUTE;
    }
}
