package io.amlcompute.provisioner.provisioning;

import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.contract.ComputeType;
import io.amlcompute.provisioner.contract.WireNamed;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A compute as ARM returned it, reduced to what the decisions need. Enum-like values keep ARM's spelling as
 * strings, because ARM's enums are extensible and a newer value must not break a read.
 *
 * @param computeType          ARM's {@code properties.computeType}, possibly one this app does not manage
 * @param attached             ARM's {@code isAttachedCompute}
 * @param underlyingResourceId ARM's {@code properties.resourceId}: the attached resource; null for AmlCompute
 * @param computeLocation      the compute's own region: ARM's {@code properties.computeLocation}, or the envelope
 *                             {@code location} (always the workspace's region) when ARM leaves it out
 * @param cluster              the AmlCompute settings; null for other types
 * @param instance             the ComputeInstance settings; null for other types
 */
public record ComputeResource(String id, String computeType, boolean attached, String underlyingResourceId,
                              String computeLocation, String description, ComputeStatus status, ClusterSettings cluster,
                              Map<String, String> tags, InstanceSettings instance) {

    private static final Set<String> FAILED_STATES = Set.of("Failed", "Canceled");

    public ComputeResource {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** A compute that is not an instance. */
    public ComputeResource(String id, String computeType, boolean attached, String underlyingResourceId,
                           String computeLocation, String description, ComputeStatus status, ClusterSettings cluster,
                           Map<String, String> tags) {
        this(id, computeType, attached, underlyingResourceId, computeLocation, description, status, cluster, tags, null);
    }

    public Optional<ComputeType> knownType() {
        return computeType == null ? Optional.empty() : WireNamed.lookup(ComputeType.class, computeType);
    }

    /** Provisioning ended in Failed or Canceled: a leftover that cannot become usable. */
    public boolean failed() {
        return status != null && FAILED_STATES.contains(status.provisioningState());
    }

    public boolean inState(String provisioningState) {
        return status != null && provisioningState.equals(status.provisioningState());
    }

    /**
     * The ComputeInstance settings as ARM holds them; any field may be null when ARM did not return it (an older
     * api-version has no {@code idleTimeBeforeShutdown} or {@code enableSSO}).
     *
     * @param idleTimeBeforeShutdown ISO-8601, as ARM returns it
     * @param schedules              each start/stop schedule in one line (action, trigger, expression or times, time
     *                               zone, status), comparable with what a request asks for
     */
    public record InstanceSettings(String vmSize, String assignedUserObjectId, String assignedUserTenantId,
                                   String subnetId, String applicationSharingPolicy, String sshPublicAccess,
                                   Boolean enableNodePublicIp, String idleTimeBeforeShutdown, Boolean enableSso,
                                   java.util.List<String> schedules) {
        public InstanceSettings {
            schedules = schedules == null ? null : java.util.List.copyOf(schedules);
        }
    }

    /**
     * The AmlCompute settings as ARM holds them; any field may be null when ARM did not return it.
     *
     * @param idleBeforeScaleDown ISO-8601, as ARM returns it
     */
    public record ClusterSettings(String vmSize, String vmPriority, Integer minNodes, Integer maxNodes,
                                  String idleBeforeScaleDown, String osType, String remoteLoginPortPublicAccess,
                                  Boolean enableNodePublicIp, String subnetId) {
    }
}
