package io.amlcompute.provisioner.contract;

/** The compute types this app provisions or attaches, with their ARM {@code computeType} names. */
public enum ComputeType implements WireNamed {
    AML_COMPUTE("AmlCompute", false),
    DATABRICKS("Databricks", true),
    VIRTUAL_MACHINE("VirtualMachine", true),
    KUBERNETES("Kubernetes", true),
    HDINSIGHT("HDInsight", true),
    SYNAPSE_SPARK("SynapseSpark", true),
    /** A personal development machine (Jupyter, VS Code, SSH), created and managed by Azure ML. */
    COMPUTE_INSTANCE("ComputeInstance", false);

    private final String wireName;
    private final boolean attachable;

    ComputeType(String wireName, boolean attachable) {
        this.wireName = wireName;
        this.attachable = attachable;
    }

    /** The name used in requests, events and ARM's {@code properties.computeType}. */
    @Override
    public String wireName() {
        return wireName;
    }

    /** True for unmanaged computes that are attached and detached, false for the managed AmlCompute and ComputeInstance. */
    public boolean attachable() {
        return attachable;
    }
}
