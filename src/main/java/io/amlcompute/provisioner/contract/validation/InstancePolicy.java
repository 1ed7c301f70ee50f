package io.amlcompute.provisioner.contract.validation;

import io.amlcompute.provisioner.contract.EnsureComputeInstance;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the app's operators allow for compute instances, the per-person machines that cost money while they run: the
 * VM sizes (a list of its own, since a person's machine is sized unlike a training cluster), whether an instance may
 * have a public IP and public SSH, and the longest it may sit idle before Azure ML stops it, so that none runs
 * unwatched.
 *
 * @param allowedVmSizes glob patterns ({@code *}, {@code ?}), case-insensitive
 * @param maxIdleTime    the longest {@code idleTimeBeforeShutdown} a request may ask for, at most Azure ML's three days
 */
public record InstancePolicy(List<String> allowedVmSizes, boolean publicIpAllowed, boolean sshAllowed,
                             Duration maxIdleTime) {

    /** Any size, public IPs yes, public SSH no (Azure ML's own default), at most four idle hours. */
    public static final InstancePolicy DEFAULTS = new InstancePolicy(List.of("*"), true, false, Duration.ofHours(4));

    public InstancePolicy {
        allowedVmSizes = List.copyOf(allowedVmSizes);
        Objects.requireNonNull(maxIdleTime, "maxIdleTime");
        if (maxIdleTime.compareTo(EnsureComputeInstance.MIN_IDLE_TIME) < 0
                || maxIdleTime.compareTo(EnsureComputeInstance.MAX_IDLE_TIME) > 0) {
            throw new IllegalArgumentException("the longest idle time must be within Azure ML's PT15M to P3D, got "
                    + maxIdleTime);
        }
    }

    void check(EnsureComputeInstance instance, List<ValidationError> errors) {
        if (!RequestPolicy.matchesAny(allowedVmSizes, instance.vmSize())) {
            errors.add(new ValidationError(ReasonCode.POLICY_VM_SIZE_NOT_ALLOWED, "$.compute.vmSize",
                    "$.compute.vmSize " + Problems.quote(instance.vmSize()) + " is not allowed for compute instances"
                            + " here; allowed: " + String.join(", ", allowedVmSizes) + "."));
        }
        if (instance.enableNodePublicIp() && !publicIpAllowed) {
            errors.add(new ValidationError(ReasonCode.POLICY_PUBLIC_IP_NOT_ALLOWED, "$.compute.enableNodePublicIp",
                    "Compute instances here may not have a public IP: set $.compute.enableNodePublicIp to false (it"
                            + " defaults to true; without a public IP the workspace needs private link)."));
        }
        if (instance.ssh().publicAccess() == io.amlcompute.provisioner.contract.SshPublicAccess.ENABLED
                && !sshAllowed) {
            errors.add(new ValidationError(ReasonCode.POLICY_SSH_NOT_ALLOWED, "$.compute.sshSettings.sshPublicAccess",
                    "Compute instances here may not open public SSH: leave $.compute.sshSettings.sshPublicAccess out"
                            + " or set Disabled."));
        }
        if (instance.idleTimeBeforeShutdown().compareTo(maxIdleTime) > 0) {
            errors.add(new ValidationError(ReasonCode.POLICY_IDLE_TIME_EXCEEDED, "$.compute.idleTimeBeforeShutdown",
                    "$.compute.idleTimeBeforeShutdown " + instance.idleTimeBeforeShutdown() + " is longer than this"
                            + " app lets a compute instance sit idle (" + maxIdleTime + ")."));
        }
    }
}
