package io.amlcompute.provisioner.contract;

/** What a cancelled request does with a compute it created that is not ready yet. */
public enum OnCancel implements WireNamed {
    KEEP("keep"),
    /** Delete (ensure) or detach (attach) it: only what this request created. */
    DELETE("delete");

    private final String wireName;

    OnCancel(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
