package io.amlcompute.provisioner.contract;

/** Whether the SSH/RDP port of AmlCompute nodes is open to the internet; NotSpecified lets the service decide from the subnet. */
public enum RemoteLoginPortPublicAccess implements WireNamed {
    ENABLED("Enabled"),
    DISABLED("Disabled"),
    NOT_SPECIFIED("NotSpecified");

    private final String wireName;

    RemoteLoginPortPublicAccess(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
