package io.amlcompute.provisioner.provisioning;

import io.amlcompute.provisioner.contract.Action;
import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.contract.ComputeType;
import io.amlcompute.provisioner.contract.EnsureAmlCompute;
import io.amlcompute.provisioner.contract.EnsureComputeInstance;
import io.amlcompute.provisioner.contract.InstancePowerChange;
import io.amlcompute.provisioner.contract.OnExisting;
import io.amlcompute.provisioner.contract.ScaleSettings;
import io.amlcompute.provisioner.contract.UpdateScaleSettings;
import io.amlcompute.provisioner.contract.event.Outcome;
import io.amlcompute.provisioner.provisioning.preflight.CapacityNeed;
import io.amlcompute.provisioner.provisioning.preflight.Preflight;
import io.amlcompute.provisioner.provisioning.preflight.PreflightVerdict;

import java.util.List;
import java.util.Optional;

/**
 * Where the action step meets the {@link Preflight}: which writes are checked (a cluster's create PUT; a PATCH that
 * asks for more nodes than the cluster holds; a compute instance's create PUT, and the POST that starts a stopped
 * one: each allocates the instance's one node, issue 18), and what a verdict that stops the write becomes as the
 * step's result (refused: failed with outcome rejected; a read that failed: failed; a read to try again: wait).
 */
final class ActionPreflight {

    private final ComputeGateway gateway;
    private final Preflight preflight;

    ActionPreflight(ComputeGateway gateway, Preflight preflight) {
        this.gateway = gateway;
        this.preflight = preflight;
    }

    /** Before the PUT of a new cluster. */
    PreflightVerdict beforeCreate(ComputeRequest request, EnsureAmlCompute cluster) {
        return preflight.check(CapacityNeed.toCreate(request, cluster), request.options().preflight(),
                request.correlationId());
    }

    /** Before the PATCH of an existing cluster's scale; nothing to check when no node is added. */
    PreflightVerdict beforeRescale(ComputeRequest request, ScaleSettings scale, ComputeResource existing) {
        return CapacityNeed.toRescale(request, scale, existing)
                .map(need -> preflight.check(need, request.options().preflight(), request.correlationId()))
                .orElseGet(PreflightVerdict::proceed);
    }

    /** Before the PUT of a new compute instance: one dedicated node of the size it asks for. */
    PreflightVerdict beforeCreateInstance(ComputeRequest request, EnsureComputeInstance instance) {
        return preflight.check(CapacityNeed.toCreateInstance(request, instance), request.options().preflight(),
                request.correlationId());
    }

    /**
     * Before the POST that starts a stopped compute instance: one dedicated node of the size it has; nothing to check
     * when ARM did not say which size that is.
     */
    PreflightVerdict beforeStart(ComputeRequest request, ComputeResource existing) {
        return CapacityNeed.toStartInstance(request, existing)
                .map(need -> preflight.check(need, request.options().preflight(), request.correlationId()))
                .orElseGet(PreflightVerdict::proceed);
    }

    /**
     * The pre-flight the request's action would make, and nothing else: the compute is read, and if the action would
     * write nodes (a create; a reconcile or update that adds nodes; a start that would POST, the instance being
     * Stopped) the region is checked as the action would check it. An action that writes no nodes (reuse, attach,
     * detach, delete, stop, restart, an update of a missing compute, a start of an instance that runs or is starting)
     * goes ahead without findings. Writes nothing.
     */
    PreflightVerdict preview(ComputeRequest request) {
        ComputeAddress address = new ComputeAddress(request.workspace(), request.computeName());
        try {
            if (request.operation() instanceof EnsureAmlCompute ensure) {
                Optional<ComputeResource> existing = gateway.get(address, request.correlationId());
                if (existing.isEmpty()) {
                    return beforeCreate(request, ensure);
                }
                boolean reconciles = request.options().onExisting() == OnExisting.RECONCILE
                        && ComputeType.AML_COMPUTE.wireName().equals(existing.get().computeType())
                        && !existing.get().attached();
                return reconciles ? beforeRescale(request, ensure.scale(), existing.get()) : PreflightVerdict.proceed();
            }
            if (request.operation() instanceof EnsureComputeInstance instance) {
                return gateway.get(address, request.correlationId()).isEmpty()
                        ? beforeCreateInstance(request, instance) : PreflightVerdict.proceed();
            }
            if (request.operation() instanceof InstancePowerChange power && power.action() == Action.START) {
                return gateway.get(address, request.correlationId())
                        .filter(InstanceActions::startWouldPost)
                        .map(existing -> beforeStart(request, existing))
                        .orElseGet(PreflightVerdict::proceed);
            }
            if (request.operation() instanceof UpdateScaleSettings update) {
                return gateway.get(address, request.correlationId())
                        .map(existing -> beforeRescale(request, update.scale(), existing))
                        .orElseGet(PreflightVerdict::proceed);
            }
            return PreflightVerdict.proceed();
        } catch (ProvisioningException e) {
            // The compute read failed: as the action step would, wait on what may pass, fail on the rest.
            return e.kind().retryable() ? new PreflightVerdict.Wait(e.kind(), e.code(), e.getMessage(), e.retryAfter())
                    : new PreflightVerdict.Fail(List.of(ComputeStatus.ErrorInfo.of(e.code(), e.getMessage())));
        }
    }

    /** A verdict that did not let the write go ahead, as the step's result. */
    static ActionResult stopped(PreflightVerdict verdict) {
        if (verdict instanceof PreflightVerdict.Refuse refuse) {
            return new ActionResult.Failed(Outcome.REJECTED, refuse.errors());
        }
        if (verdict instanceof PreflightVerdict.Fail fail) {
            return new ActionResult.Failed(null, fail.errors());
        }
        PreflightVerdict.Wait wait = (PreflightVerdict.Wait) verdict;
        return new ActionResult.Wait(ActionResult.WaitReason.of(wait.kind()), wait.code(), wait.message(),
                wait.retryAfter());
    }
}
