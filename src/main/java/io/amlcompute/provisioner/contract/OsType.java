package io.amlcompute.provisioner.contract;

/** Operating system of AmlCompute nodes. */
public enum OsType implements WireNamed {
    LINUX("Linux"),
    WINDOWS("Windows");

    private final String wireName;

    OsType(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
