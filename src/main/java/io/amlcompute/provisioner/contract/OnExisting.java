package io.amlcompute.provisioner.contract;

/** What ensure does when a compute of the same type already exists. */
public enum OnExisting implements WireNamed {
    REUSE("reuse"),
    RECONCILE("reconcile"),
    FAIL("fail");

    private final String wireName;

    OnExisting(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
