package io.amlcompute.provisioner.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.contract.PreflightMode;
import io.amlcompute.provisioner.provisioning.preflight.PreflightVerdict;

import java.util.List;

/**
 * The {@code preflight} of a {@code computectl validate --preflight} line: what the app's pre-flight would decide for
 * the request now, with the same codes, paths and numbers its event would carry.
 *
 * @param outcome {@code passed} (the write would go ahead, perhaps with warnings), {@code rejected} (refused: the
 *                event would be failed with outcome rejected), {@code failed} (a read failed, e.g. a missing role),
 *                {@code unavailable} (ARM throttled or could not be reached: ask again later), {@code off} (the
 *                request's {@code options.preflight} is off: nothing was read)
 */
record PreflightReport(String outcome, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ComputeStatus.ErrorInfo> errors,
                       @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ComputeStatus.ErrorInfo> warnings) {

    static PreflightReport of(PreflightVerdict verdict, PreflightMode mode) {
        if (verdict instanceof PreflightVerdict.Refuse refuse) {
            return new PreflightReport("rejected", refuse.errors(), List.of());
        }
        if (verdict instanceof PreflightVerdict.Fail fail) {
            return new PreflightReport("failed", fail.errors(), List.of());
        }
        if (verdict instanceof PreflightVerdict.Wait wait) {
            return new PreflightReport("unavailable", List.of(ComputeStatus.ErrorInfo.of(wait.code(), wait.message())),
                    List.of());
        }
        return new PreflightReport(mode == PreflightMode.OFF ? "off" : "passed", List.of(),
                ((PreflightVerdict.Proceed) verdict).warnings());
    }

    /** The exit status this outcome stands for: rejected and failed fail, unavailable is ARM's. */
    ExitStatus exitStatus() {
        return switch (outcome) {
            case "rejected", "failed" -> ExitStatus.FAILED;
            case "unavailable" -> ExitStatus.UNAVAILABLE;
            default -> ExitStatus.SUCCESS;
        };
    }
}
