package io.amlcompute.provisioner.contract;

import java.time.Duration;
import java.util.Objects;

/**
 * Node scaling of an AmlCompute cluster: ARM's {@code scaleSettings}. The only thing an update may change.
 *
 * @param idleBeforeScaleDown how long a node stays idle before the cluster scales it away; ARM's
 *                            {@code nodeIdleTimeBeforeScaleDown} (ISO-8601 on the wire)
 */
public record ScaleSettings(int minNodes, int maxNodes, Duration idleBeforeScaleDown) {

    public ScaleSettings {
        Objects.requireNonNull(idleBeforeScaleDown, "idleBeforeScaleDown");
        if (minNodes < 0 || maxNodes < minNodes) {
            throw new IllegalArgumentException("need 0 <= minNodes <= maxNodes, got " + minNodes + ".." + maxNodes);
        }
    }
}
