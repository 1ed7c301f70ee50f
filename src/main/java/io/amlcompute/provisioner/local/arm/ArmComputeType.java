package io.amlcompute.provisioner.local.arm;

import java.util.Arrays;
import java.util.Optional;

/**
 * The {@code ComputeType} discriminator of the Azure ML compute contract (api-version 2025-12-01), with the wire
 * value of each member and whether the emulator serves it.
 */
public enum ArmComputeType {
    AKS("AKS", false, false),
    KUBERNETES("Kubernetes", true, true),
    AML_COMPUTE("AmlCompute", true, false),
    /** Emulated in the api-versions {@link ContractFeature#COMPUTE_INSTANCE_EMULATED} names. */
    COMPUTE_INSTANCE("ComputeInstance", true, false),
    DATA_FACTORY("DataFactory", false, false),
    VIRTUAL_MACHINE("VirtualMachine", true, true),
    HD_INSIGHT("HDInsight", true, true),
    DATABRICKS("Databricks", true, true),
    DATA_LAKE_ANALYTICS("DataLakeAnalytics", false, false),
    SYNAPSE_SPARK("SynapseSpark", true, true);

    private final String wireName;
    private final boolean emulated;
    private final boolean attachedOnly;

    ArmComputeType(String wireName, boolean emulated, boolean attachedOnly) {
        this.wireName = wireName;
        this.emulated = emulated;
        this.attachedOnly = attachedOnly;
    }

    /** The value of {@code properties.computeType} on the wire. */
    public String wireName() {
        return wireName;
    }

    /**
     * Whether the emulator validates and simulates this type in some api-version; the others are refused with a clear
     * message. {@link ComputeContract#emulates} says whether it does in a given version.
     */
    public boolean emulated() {
        return emulated;
    }

    /** Whether Azure ML only attaches this type (PUT carries {@code properties.resourceId}) rather than creating it. */
    public boolean attachedOnly() {
        return attachedOnly;
    }

    /** The member for a wire value; exact match, as the contract's enum values are spelled. */
    public static Optional<ArmComputeType> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst();
    }
}
