package io.amlcompute.provisioner.contract;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Get-or-create a compute instance: what ARM's {@code ComputeInstanceProperties} (2025-12-01, plus
 * {@code idleTimeBeforeShutdown} and {@code enableSSO} of 2026-07-01) offer that a platform team sets. The option
 * surface of azure-ai-ml's {@code ComputeInstance} and {@code az ml compute create --type ComputeInstance}.
 *
 * <p>An instance has no region of its own: it lives in its workspace's region (azure-ai-ml drops a location for
 * every type but AmlCompute), so there is no {@code location}.
 *
 * @param assignedUser           the person it is created for; null to create it for the app's own identity, which
 *                               only makes sense with {@link ApplicationSharingPolicy#SHARED}
 * @param subnetId               ARM id of a {@code Microsoft.Network/virtualNetworks/subnets}; null for none
 * @param idleTimeBeforeShutdown how long it may sit idle before Azure ML stops it (15 minutes to 3 days)
 * @param schedules              start and stop schedules, at most {@link InstanceSchedule#MAX_PER_INSTANCE}
 * @param enableSso              single sign-on for the assigned user
 * @param setupScripts           null for none
 */
public record EnsureComputeInstance(
        String computeName,
        String vmSize,
        AssignedUser assignedUser,
        ApplicationSharingPolicy applicationSharingPolicy,
        InstanceSsh ssh,
        String subnetId,
        boolean enableNodePublicIp,
        Duration idleTimeBeforeShutdown,
        List<InstanceSchedule> schedules,
        boolean enableSso,
        SetupScripts setupScripts,
        Map<String, String> tags,
        String description) implements ComputeOperation {

    /** The shortest and longest idle time Azure ML accepts ("a minimum of 15 mins and a maximum of three days"). */
    public static final Duration MIN_IDLE_TIME = Duration.ofMinutes(15);
    public static final Duration MAX_IDLE_TIME = Duration.ofDays(3);

    public EnsureComputeInstance {
        Objects.requireNonNull(computeName, "computeName");
        Objects.requireNonNull(vmSize, "vmSize");
        Objects.requireNonNull(applicationSharingPolicy, "applicationSharingPolicy");
        Objects.requireNonNull(ssh, "ssh");
        Objects.requireNonNull(idleTimeBeforeShutdown, "idleTimeBeforeShutdown");
        schedules = List.copyOf(schedules);
        tags = Map.copyOf(tags);
    }

    @Override
    public Action action() {
        return Action.ENSURE;
    }

    @Override
    public ComputeType computeType() {
        return ComputeType.COMPUTE_INSTANCE;
    }
}
