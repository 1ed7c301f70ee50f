package io.amlcompute.provisioner.cli;

import io.amlcompute.provisioner.arm.ArmComputeGateway;
import io.amlcompute.provisioner.arm.ArmGateways;
import io.amlcompute.provisioner.config.Settings;
import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.provisioning.ComputeActions;
import io.amlcompute.provisioner.provisioning.ErrorKind;
import io.amlcompute.provisioner.provisioning.ProvisioningException;
import io.amlcompute.provisioner.provisioning.preflight.Preflight;

import java.time.Clock;

/**
 * {@code validate --preflight}: the app's own action step asked only what its pre-flight would decide
 * ({@link ComputeActions#preview}), over the ARM gateway and region reads the app uses, built once for all files.
 * Nothing is written and no secret is resolved.
 */
final class PreflightPreview {

    private final ComputeActions actions;
    private final Preflight preflight;

    PreflightPreview(Settings settings, Clock clock) {
        ArmComputeGateway arm = ArmGateways.fromSettings(settings, ref -> {
            throw new ProvisioningException(ErrorKind.SECRET_UNAVAILABLE, "NotResolved",
                    "validate --preflight resolves no secret");
        });
        this.preflight = new Preflight(arm.regionReader(), settings.preflightPolicy(), clock);
        this.actions = new ComputeActions(arm, preflight);
    }

    PreflightReport check(ComputeRequest request) {
        return PreflightReport.of(actions.preview(request), preflight.effectiveMode(request.options().preflight()));
    }
}
