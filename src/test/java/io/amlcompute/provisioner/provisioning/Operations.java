package io.amlcompute.provisioner.provisioning;

import io.amlcompute.provisioner.contract.EnsureAmlCompute;
import io.amlcompute.provisioner.contract.OsType;
import io.amlcompute.provisioner.contract.RemoteLoginPortPublicAccess;
import io.amlcompute.provisioner.contract.ScaleSettings;
import io.amlcompute.provisioner.contract.VmPriority;

import java.time.Duration;
import java.util.Map;

/** Small operations for tests of the decisions. */
final class Operations {

    private Operations() {
    }

    static EnsureAmlCompute ensure(String name, int minNodes, int maxNodes) {
        return new EnsureAmlCompute(name, "Standard_DS3_v2", VmPriority.DEDICATED,
                new ScaleSettings(minNodes, maxNodes, Duration.ofSeconds(120)), null, null, null, OsType.LINUX,
                RemoteLoginPortPublicAccess.NOT_SPECIFIED, true, null, Map.of(), null);
    }
}
