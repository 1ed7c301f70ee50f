package io.amlcompute.provisioner.contract;

/** What ensure does when a compute of that name exists in Failed state. */
public enum OnFailedLeftover implements WireNamed {
    FAIL("fail"),
    REPLACE("replace");

    private final String wireName;

    OnFailedLeftover(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
