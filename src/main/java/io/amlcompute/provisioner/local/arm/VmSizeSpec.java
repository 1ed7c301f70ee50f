package io.amlcompute.provisioner.local.arm;

import java.util.List;
import java.util.Objects;

/**
 * What the emulator knows of a VM size, as {@code VirtualMachineSizes_List} returns it ({@code VirtualMachineSize},
 * 2025-12-01): the family (which names the size's quota rows), vCPUs (what quotas count), GPUs, memory, whether it
 * can run low-priority nodes, and the compute types Azure ML offers it for.
 */
record VmSizeSpec(String name, String family, int vCPUs, int gpus, double memoryGB, boolean lowPriorityCapable,
                  List<String> supportedComputeTypes) {

    /** What the spec's example lists for most sizes ({@code examples/VirtualMachineSize/list.json}). */
    static final List<String> CLUSTER_AND_INSTANCE = List.of("AmlCompute", "ComputeInstance");

    VmSizeSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(family, "family");
        supportedComputeTypes = List.copyOf(supportedComputeTypes);
    }

    static VmSizeSpec of(String name, String family, int vCPUs, double memoryGB, int gpus) {
        return new VmSizeSpec(name, family, vCPUs, gpus, memoryGB, true, CLUSTER_AND_INSTANCE);
    }

    VmSizeSpec offeredFor(List<String> computeTypes) {
        return new VmSizeSpec(name, family, vCPUs, gpus, memoryGB, lowPriorityCapable, computeTypes);
    }

    VmSizeSpec withoutLowPriority() {
        return new VmSizeSpec(name, family, vCPUs, gpus, memoryGB, false, supportedComputeTypes);
    }
}
