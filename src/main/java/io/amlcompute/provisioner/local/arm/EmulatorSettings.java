package io.amlcompute.provisioner.local.arm;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything {@link ArmEmulatorBuilder} configured, fixed once the emulator starts.
 *
 * @param retryAfter        sent as whole seconds (rounded up) on LRO answers; zero sends no header, because azure-core
 *                          reads {@code Retry-After: 0} as "use the default interval" (30 s)
 * @param bearerHeader      the exact {@code Authorization} value required, or empty for no check
 * @param regions           what each region offers and allows (VM sizes, quotas, outside use)
 * @param deniedActions     ARM actions the caller's identity lacks (compared without case): a request that needs one
 *                          is answered 403 AuthorizationFailed
 * @param instancePowerTime how long a compute instance reads Starting, Stopping or Restarting
 */
record EmulatorSettings(Clock clock, List<ComputeApiVersion> acceptedApiVersions, Duration retryAfter,
                        Duration defaultProvisioningTime, Map<ArmComputeType, Duration> provisioningTimeByType,
                        Map<String, Duration> provisioningTimeByVmSize, Duration nodeAllocationTime,
                        Duration updateTime, Duration deletionTime, VmSizeCatalog vmSizes,
                        Set<String> quotaExceededVmSizes, Set<String> nodeSetupFailingVmSizes,
                        Set<String> preemptedVmSizes, Set<String> resizeBlockedVmSizes, Duration nodePreparationTime,
                        Set<String> attachFailingTargets, int listPageSize,
                        Optional<Secret> bearerHeader,
                        RegionCatalog regions, Set<String> deniedActions, Duration instancePowerTime,
                        Set<String> instanceCreateFailingVmSizes, Set<String> instanceUnusableVmSizes) {

    EmulatorSettings {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(regions, "regions");
        deniedActions = caseInsensitive(deniedActions);
        acceptedApiVersions = List.copyOf(acceptedApiVersions);
        if (acceptedApiVersions.isEmpty()) {
            throw new IllegalArgumentException("at least one api-version must be accepted");
        }
        provisioningTimeByType = Map.copyOf(provisioningTimeByType);
        provisioningTimeByVmSize = caseInsensitive(provisioningTimeByVmSize);
        quotaExceededVmSizes = caseInsensitive(quotaExceededVmSizes);
        nodeSetupFailingVmSizes = caseInsensitive(nodeSetupFailingVmSizes);
        preemptedVmSizes = caseInsensitive(preemptedVmSizes);
        resizeBlockedVmSizes = caseInsensitive(resizeBlockedVmSizes);
        Objects.requireNonNull(nodePreparationTime, "nodePreparationTime");
        attachFailingTargets = caseInsensitive(attachFailingTargets);
        Objects.requireNonNull(instancePowerTime, "instancePowerTime");
        instanceCreateFailingVmSizes = caseInsensitive(instanceCreateFailingVmSizes);
        instanceUnusableVmSizes = caseInsensitive(instanceUnusableVmSizes);
        if (listPageSize < 1) {
            throw new IllegalArgumentException("listPageSize must be at least 1, got " + listPageSize);
        }
    }

    /** The VM size's time if configured, else the type's, else the default. */
    Duration provisioningTime(ArmComputeType type, String vmSize) {
        if (vmSize != null && provisioningTimeByVmSize.containsKey(vmSize)) {
            return provisioningTimeByVmSize.get(vmSize);
        }
        return provisioningTimeByType.getOrDefault(type, defaultProvisioningTime);
    }

    boolean quotaExceeded(String vmSize) {
        return vmSize != null && quotaExceededVmSizes.contains(vmSize);
    }

    /** The fate of a new AmlCompute cluster's nodes, from its VM size and priority. */
    NodeFate nodeFate(String vmSize, String vmPriority) {
        if (vmSize == null) {
            return NodeFate.HEALTHY;
        }
        if (nodeSetupFailingVmSizes.contains(vmSize)) {
            return NodeFate.SETUP_FAILS;
        }
        if (preemptedVmSizes.contains(vmSize) && "LowPriority".equals(vmPriority)) {
            return NodeFate.PREEMPTED;
        }
        return resizeBlockedVmSizes.contains(vmSize) ? NodeFate.RESIZE_BLOCKED : NodeFate.HEALTHY;
    }

    /** The fate of a new compute instance, from its VM size. */
    InstanceFate instanceFate(String vmSize) {
        if (vmSize != null && instanceCreateFailingVmSizes.contains(vmSize)) {
            return InstanceFate.CREATE_FAILS;
        }
        return vmSize != null && instanceUnusableVmSizes.contains(vmSize) ? InstanceFate.UNUSABLE : InstanceFate.HEALTHY;
    }

    boolean attachFails(String targetResourceId) {
        return targetResourceId != null && attachFailingTargets.contains(targetResourceId);
    }

    /** The {@code Retry-After} value to send on LRO answers, if any (never "0"). */
    Optional<String> retryAfterHeader() {
        return retryAfterSeconds(retryAfter);
    }

    /** Whole seconds, rounded up; empty for zero. */
    static Optional<String> retryAfterSeconds(Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            return Optional.empty();
        }
        long millis = delay.toMillis();
        return Optional.of(String.valueOf(Math.max(1, (millis + 999) / 1000)));
    }

    private static <V> Map<String, V> caseInsensitive(Map<String, V> map) {
        Map<String, V> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(map);
        return java.util.Collections.unmodifiableMap(copy);
    }

    private static Set<String> caseInsensitive(Collection<String> names) {
        Set<String> copy = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        copy.addAll(names);
        return java.util.Collections.unmodifiableSet(copy);
    }
}
