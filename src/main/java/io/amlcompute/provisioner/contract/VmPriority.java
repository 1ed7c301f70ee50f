package io.amlcompute.provisioner.contract;

/** Node priority of an AmlCompute cluster. */
public enum VmPriority implements WireNamed {
    DEDICATED("Dedicated"),
    LOW_PRIORITY("LowPriority");

    private final String wireName;

    VmPriority(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
