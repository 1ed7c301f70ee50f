package io.amlcompute.provisioner.provisioning.preflight;

import java.util.List;
import java.util.Objects;

/**
 * One VM size Azure ML offers in a region ({@code VirtualMachineSize}, 2025-12-01), reduced to what the checks use.
 *
 * @param family                the VM family, e.g. {@code standardNCFamily}; it names the family's usage rows
 * @param memoryGB              0 when ARM did not say
 * @param supportedComputeTypes e.g. {@code [AmlCompute, ComputeInstance]}; null when ARM did not say (then any type
 *                              is assumed to be supported, as the field is optional in the contract)
 */
public record VmSizeOffer(String name, String family, int vCPUs, int gpus, double memoryGB,
                          boolean lowPriorityCapable, List<String> supportedComputeTypes) {

    public VmSizeOffer {
        Objects.requireNonNull(name, "name");
        supportedComputeTypes = supportedComputeTypes == null ? null : List.copyOf(supportedComputeTypes);
    }

    /** Whether ARM lists {@code computeType} among the size's types (or lists none). */
    public boolean supports(String computeType) {
        return supportedComputeTypes == null
                || supportedComputeTypes.stream().anyMatch(t -> t.equalsIgnoreCase(computeType));
    }

    /** VM size names compare without case, as Azure compares them ({@code STANDARD_NC6} = {@code Standard_NC6}). */
    public boolean named(String vmSize) {
        return name.equalsIgnoreCase(vmSize);
    }
}
