package io.amlcompute.provisioner.provisioning.preflight;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What ARM publishes for one subscription and region: the VM sizes Azure ML offers there, the core usages and
 * limits, and the quotas assigned to workspaces.
 */
public record RegionOffer(String subscriptionId, String region, List<VmSizeOffer> vmSizes, List<UsageRow> usages,
                          List<QuotaRow> quotas) {

    public RegionOffer {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(region, "region");
        vmSizes = List.copyOf(vmSizes);
        usages = List.copyOf(usages);
        quotas = List.copyOf(quotas);
    }

    public Optional<VmSizeOffer> vmSize(String name) {
        return vmSizes.stream().filter(size -> size.named(name)).findFirst();
    }
}
