package io.amlcompute.provisioner.provisioning.preflight;

import io.amlcompute.provisioner.contract.ComputeStatus;

import java.util.Objects;

/**
 * One thing the pre-flight found.
 *
 * @param refuses true when the finding refuses the request under {@code enforce}; false for a warning in any mode
 * @param info    code, JSONPath, sentence and numbers, as the event carries them
 */
record Finding(PreflightCode code, boolean refuses, ComputeStatus.ErrorInfo info) {

    Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(info, "info");
    }
}
