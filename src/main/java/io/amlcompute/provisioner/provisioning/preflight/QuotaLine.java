package io.amlcompute.provisioner.provisioning.preflight;

/**
 * One quota a node allocation counts against, with what is in use: the VM family's, the region's total, or a
 * workspace's.
 *
 * @param scope {@code family}, {@code region} or {@code workspace}
 */
record QuotaLine(String name, String scope, long limit, long used) {

    /** What is left; never below 0 (usage can exceed a quota that was lowered). */
    long available() {
        return Math.max(0, limit - used);
    }
}
