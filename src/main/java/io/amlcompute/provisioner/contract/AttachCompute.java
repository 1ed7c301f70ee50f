package io.amlcompute.provisioner.contract;

import java.util.Objects;

/**
 * Attach an existing, unmanaged compute to the workspace under {@code computeName}. There is no location: an
 * attached compute stays where its resource is, and Azure ML registers it in the workspace's region (the official
 * clients drop a location for attached types: azure-ai-ml's {@code ComputeOperations.begin_create_or_update},
 * azureml-core's attach payloads).
 *
 * @param identity    null for none
 * @param description null for none
 */
public record AttachCompute(String computeName, AttachTarget target, ManagedIdentity identity, String description) implements ComputeOperation {

    public AttachCompute {
        Objects.requireNonNull(computeName, "computeName");
        Objects.requireNonNull(target, "target");
    }

    @Override
    public Action action() {
        return Action.ATTACH;
    }

    @Override
    public ComputeType computeType() {
        return target.computeType();
    }
}
