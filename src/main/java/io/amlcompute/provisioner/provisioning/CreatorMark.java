package io.amlcompute.provisioner.provisioning;

import io.amlcompute.provisioner.contract.ReservedTags;

import java.util.Map;
import java.util.Objects;

/**
 * Who created a compute: the request whose PUT made it, written into the compute as an ARM tag ({@value #TAG}).
 * Every type this app creates or attaches carries tags: {@code tags} sits on the {@code ComputeResource} envelope
 * of every compute type in the 2025-12-01 contract, ARM keeps it and GET returns it (azure-ai-ml sends and reads
 * tags for AmlCompute and for the attached VirtualMachine, Kubernetes and SynapseSpark types alike).
 *
 * <p>It makes the action survive a crash between ARM's acceptance and the recorded result: the re-run of the same
 * request finds the compute with its own mark and carries on as its creator ({@code created}, {@code attached}),
 * where a compute without it, or with another request's, is somebody else's ({@code existing}). A lost PUT answer
 * (timeout, reset connection) retried into ARM's 409 ends the same way.
 */
public record CreatorMark(String requestId) {

    /** The tag name, reserved in requests; ARM compares tag names without case. */
    public static final String TAG = ReservedTags.CREATOR_REQUEST_ID;

    public CreatorMark {
        Objects.requireNonNull(requestId, "requestId");
    }

    /** The tags that carry the mark, to add to a PUT body's {@code tags}. */
    public Map<String, String> tags() {
        return Map.of(TAG, requestId);
    }

    /** Whether {@code resource} was created by this mark's request. */
    public boolean isOn(ComputeResource resource) {
        return resource.tags().entrySet().stream()
                .anyMatch(tag -> isTagName(tag.getKey()) && requestId.equals(tag.getValue()));
    }

    private static boolean isTagName(String name) {
        return ReservedTags.isReserved(name);
    }
}
