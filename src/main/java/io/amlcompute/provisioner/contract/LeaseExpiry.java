package io.amlcompute.provisioner.contract;

/** What happens to a leased compute when its lease ends. */
public enum LeaseExpiry implements WireNamed {
    /** Delete it; only a compute the leasing request created, and only once no other lease holds it. */
    DELETE("delete"),
    /** Clusters: set minimum nodes to 0, so an idle cluster costs nothing; same conditions as delete. Instances refuse it. */
    SCALE_TO_ZERO("scaleToZero"),
    /**
     * Compute instances: stop it, whoever created it (a stop loses nothing: a start brings it back), once no other
     * lease holds it. Clusters refuse it.
     */
    STOP("stop");

    private final String wireName;

    LeaseExpiry(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
