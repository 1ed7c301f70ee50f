package io.amlcompute.provisioner.provisioning;

import io.amlcompute.provisioner.contract.AttachCompute;
import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.contract.ComputeType;
import io.amlcompute.provisioner.contract.DeleteCompute;
import io.amlcompute.provisioner.contract.DetachCompute;
import io.amlcompute.provisioner.contract.EnsureAmlCompute;
import io.amlcompute.provisioner.contract.OnExisting;
import io.amlcompute.provisioner.contract.OnFailedLeftover;
import io.amlcompute.provisioner.contract.UpdateScaleSettings;
import io.amlcompute.provisioner.contract.event.Drift;
import io.amlcompute.provisioner.contract.event.Outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The get-or-create, attach, update, detach and delete decisions; a compute instance's are {@link InstanceActions}'. One call performs one step and says what
 * happened; waiting is the caller's business. Safe to call again after any result: every decision starts from
 * a fresh read of the compute, so a redelivered or replayed step does no harm.
 *
 * <p>An existing compute is never overwritten: same type is reused (drift reported) or reconciled through a
 * scale PATCH; another type, or attached where managed was asked, is a conflict.
 *
 * <p>The same answer whether or not the process died: every compute this app creates or attaches carries the
 * request's {@link CreatorMark}, so a re-run that finds its own request's compute continues as its creator.
 *
 * <p>Thread-safe. Steps for the same compute in this process run one at a time, so concurrent requests for one
 * compute send a single create PUT; across processes, ARM's 409 decides and the loser continues as existing.
 */
public final class ComputeActions {

    private final ComputeGateway gateway;
    private final InstanceActions instances;
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public ComputeActions(ComputeGateway gateway) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.instances = new InstanceActions(gateway, this);
    }

    public ActionResult perform(ComputeRequest request) {
        ComputeAddress address = new ComputeAddress(request.workspace(), request.computeName());
        ReentrantLock lock = locks.computeIfAbsent(address.key(), k -> new ReentrantLock());
        lock.lock();
        try {
            return dispatch(request, address);
        } catch (ProvisioningException e) {
            return fromException(e);
        } finally {
            lock.unlock();
        }
    }

    /** One status read for the monitor loop: found, missing, or why not now. */
    public StatusRead readStatus(StatusQuery query) {
        ComputeAddress address = query.address();
        try {
            return gateway.get(address, query.correlationId())
                    .<StatusRead>map(resource -> new StatusRead.Found(resource.status()))
                    .orElseGet(StatusRead.Missing::new);
        } catch (ProvisioningException e) {
            if (e.kind().retryable()) {
                return new StatusRead.Wait(ActionResult.WaitReason.of(e.kind()), e.code(), e.getMessage(),
                        e.retryAfter());
            }
            return new StatusRead.Failed(List.of(ComputeStatus.ErrorInfo.of(e.code(), e.getMessage())));
        }
    }

    private ActionResult dispatch(ComputeRequest request, ComputeAddress address) {
        String correlationId = request.correlationId();
        if (request.operation() instanceof EnsureAmlCompute ensure) {
            return ensure(request, ensure, address, correlationId);
        } else if (request.operation() instanceof AttachCompute attach) {
            return attach(request, attach, address, correlationId);
        } else if (request.operation() instanceof UpdateScaleSettings update) {
            return update(update, address, correlationId);
        } else if (request.operation() instanceof DetachCompute detach) {
            return detach(detach, address, correlationId);
        } else if (request.operation() instanceof DeleteCompute delete) {
            return delete(delete.expectedType(), address, correlationId);
        } else if (InstanceActions.handles(request.operation())) {
            return instances.perform(request, address);
        }
        throw new IllegalArgumentException("unknown operation " + request.operation());
    }

    private ActionResult ensure(ComputeRequest request, EnsureAmlCompute ensure, ComputeAddress address,
                                String correlationId) {
        CreatorMark mark = new CreatorMark(request.requestId());
        Found found = findOrPut(address, correlationId, mark, Outcome.CREATED,
                () -> gateway.create(address, ensure, mark, correlationId));
        if (found.result() != null) {
            return found.result();
        }
        ComputeResource resource = found.existing();
        Optional<ActionResult> conflict = typeConflict(resource, ComputeType.AML_COMPUTE, address);
        if (conflict.isPresent()) {
            return conflict.get();
        }
        if (resource.inState("Deleting")) {
            return new ActionResult.Wait(ActionResult.WaitReason.DELETING_LEFTOVER, "ComputeBeingDeleted",
                    "Compute " + address.computeName() + " is being deleted; it is created again once it is gone.",
                    null);
        }
        if (resource.failed()) {
            if (request.options().onFailedLeftover() == OnFailedLeftover.REPLACE) {
                gateway.delete(address, UnderlyingResourceAction.DELETE, correlationId);
                return new ActionResult.Wait(ActionResult.WaitReason.DELETING_LEFTOVER, "ReplacingFailedCompute",
                        "Compute " + address.computeName() + " was left in state "
                                + resource.status().provisioningState() + "; it is deleted and created again.", null);
            }
            return failedLeftover(resource, address, "Set options.onFailedLeftover to replace to delete and"
                    + " recreate it, or delete it first.");
        }
        List<Drift> drift = DriftDetector.of(ensure, resource);
        return switch (request.options().onExisting()) {
            case REUSE -> new ActionResult.Done(Outcome.EXISTING, drift, resource.status());
            case FAIL -> new ActionResult.Failed(null, List.of(ComputeStatus.ErrorInfo.of("ComputeExists",
                    "Compute " + address.computeName() + " exists already and options.onExisting is fail.")));
            case RECONCILE -> reconcile(ensure, resource, drift, address, correlationId);
        };
    }

    private ActionResult reconcile(EnsureAmlCompute ensure, ComputeResource resource, List<Drift> drift,
                                   ComputeAddress address, String correlationId) {
        if (drift.isEmpty()) {
            return new ActionResult.Done(Outcome.EXISTING, drift, resource.status());
        }
        if (!DriftDetector.reconcilable(drift)) {
            List<String> fixed = drift.stream().map(Drift::field)
                    .filter(f -> !DriftDetector.MUTABLE_FIELDS.contains(f)).toList();
            return new ActionResult.Failed(null, List.of(ComputeStatus.ErrorInfo.of("ImmutableFieldDrift",
                    "Compute " + address.computeName() + " differs in " + String.join(", ", fixed)
                            + ", which cannot be changed in place; only the scale settings can be reconciled."
                            + " Delete the cluster and ensure it again, or align the request.")));
        }
        UpdateScaleSettings patch = new UpdateScaleSettings(address.computeName(), ensure.scale(), true);
        ComputeResource updated = gateway.updateScale(address, patch, correlationId);
        return new ActionResult.Done(Outcome.RECONCILED, drift, updated.status());
    }

    private ActionResult attach(ComputeRequest request, AttachCompute attach, ComputeAddress address,
                                String correlationId) {
        CreatorMark mark = new CreatorMark(request.requestId());
        Found found = findOrPut(address, correlationId, mark, Outcome.ATTACHED,
                () -> gateway.attach(address, attach, mark, correlationId));
        if (found.result() != null) {
            return found.result();
        }
        ComputeResource resource = found.existing();
        Optional<ActionResult> conflict = typeConflict(resource, attach.computeType(), address);
        if (conflict.isPresent()) {
            return conflict.get();
        }
        if (resource.underlyingResourceId() != null
                && !resource.underlyingResourceId().equalsIgnoreCase(attach.target().resourceId())) {
            return new ActionResult.Failed(null, List.of(ComputeStatus.ErrorInfo.of("ComputeConflict",
                    "Compute " + address.computeName() + " is attached to " + resource.underlyingResourceId()
                            + ", not to the requested resource; detach it first or choose another name.")));
        }
        if (resource.failed()) {
            return failedLeftover(resource, address, "Detach it first, then attach again.");
        }
        if (request.options().onExisting() == OnExisting.FAIL) {
            return new ActionResult.Failed(null, List.of(ComputeStatus.ErrorInfo.of("ComputeExists",
                    "Compute " + address.computeName() + " is attached already and options.onExisting is fail.")));
        }
        return new ActionResult.Done(Outcome.EXISTING, DriftDetector.of(attach, resource), resource.status());
    }

    private ActionResult update(UpdateScaleSettings update, ComputeAddress address, String correlationId) {
        Optional<ComputeResource> existing = gateway.get(address, correlationId);
        if (existing.isEmpty()) {
            return notFound(address, "there is nothing to update; use ensure to create it.");
        }
        Optional<ActionResult> conflict = typeConflict(existing.get(), ComputeType.AML_COMPUTE, address);
        if (conflict.isPresent()) {
            return conflict.get();
        }
        if (existing.get().failed()) {
            return failedLeftover(existing.get(), address, "A failed cluster cannot be scaled; delete it first.");
        }
        ComputeResource updated = gateway.updateScale(address, update, correlationId);
        return new ActionResult.Done(Outcome.UPDATED, List.of(), updated.status());
    }

    private ActionResult detach(DetachCompute detach, ComputeAddress address, String correlationId) {
        Optional<ComputeResource> existing = gateway.get(address, correlationId);
        if (existing.isEmpty()) {
            return new ActionResult.Done(Outcome.DETACHED, List.of(), null);
        }
        ComputeResource resource = existing.get();
        if (!resource.attached()) {
            return conflict(address, "is a managed " + resource.computeType()
                    + " compute, not an attached one; use delete to remove it.");
        }
        if (detach.expectedType() != null && !detach.expectedType().wireName().equals(resource.computeType())) {
            return conflict(address, "is a " + resource.computeType() + " compute, not "
                    + detach.expectedType().wireName() + " as the request expects; nothing was detached.");
        }
        boolean existed = gateway.delete(address, UnderlyingResourceAction.DETACH, correlationId);
        return new ActionResult.Done(Outcome.DETACHED, List.of(), existed ? deleting() : null);
    }

    private ActionResult delete(ComputeType expectedType, ComputeAddress address, String correlationId) {
        Optional<ComputeResource> existing = gateway.get(address, correlationId);
        if (existing.isEmpty()) {
            return new ActionResult.Done(Outcome.DELETED, List.of(), null);
        }
        Optional<ActionResult> conflict = typeConflict(existing.get(), expectedType, address);
        if (conflict.isPresent()) {
            return conflict.get();
        }
        boolean existed = gateway.delete(address, UnderlyingResourceAction.DELETE, correlationId);
        return new ActionResult.Done(Outcome.DELETED, List.of(), existed ? deleting() : null);
    }

    /**
     * GET, and PUT when absent. A compute that carries this request's {@link CreatorMark} is this request's own: an
     * earlier run of the step got it accepted but its result was lost (the process died, or ARM's answer never
     * came), so the step ends as the PUT would have. A PUT that loses the race to another creator (409) continues
     * with what the winner created (which may be this request's own lost PUT, retried, refused as existing or as
     * still being created); if that is not visible yet, the step waits.
     *
     * @return the result when the PUT decided it, else the existing compute to decide about
     */
    Found findOrPut(ComputeAddress address, String correlationId, CreatorMark mark, Outcome outcomeOfPut,
                            Supplier<ComputeResource> put) {
        Optional<ComputeResource> existing = gateway.get(address, correlationId);
        if (existing.isPresent()) {
            return found(existing.get(), mark, outcomeOfPut);
        }
        try {
            return new Found(null, new ActionResult.Done(outcomeOfPut, List.of(), put.get().status()));
        } catch (ProvisioningException e) {
            if (e.kind() == ErrorKind.OPERATION_IN_PROGRESS) {
                // The operation running may be this request's own create: a PUT retried after its answer was lost.
                Optional<ComputeResource> busy = gateway.get(address, correlationId);
                if (busy.isPresent() && mark.isOn(busy.get())) {
                    return found(busy.get(), mark, outcomeOfPut);
                }
                throw e;
            }
            if (e.kind() != ErrorKind.CONFLICT) {
                throw e;
            }
            return gateway.get(address, correlationId)
                    .map(winner -> found(winner, mark, outcomeOfPut))
                    .orElseGet(() -> new Found(null, new ActionResult.Wait(ActionResult.WaitReason.OPERATION_IN_PROGRESS,
                            e.code(), e.getMessage(), null)));
        }
    }

    private static Found found(ComputeResource compute, CreatorMark mark, Outcome outcomeOfPut) {
        return mark.isOn(compute)
                ? new Found(null, new ActionResult.Done(outcomeOfPut, List.of(), compute.status()))
                : new Found(compute, null);
    }

    /** Either a compute that exists already, or the result of creating it. */
    record Found(ComputeResource existing, ActionResult result) {
    }

    /** A conflict when the compute is not of the expected type, or attached where managed is expected (or back). */
    static Optional<ActionResult> typeConflict(ComputeResource resource, ComputeType expected,
                                                       ComputeAddress address) {
        if (!expected.wireName().equals(resource.computeType())) {
            return Optional.of(conflict(address, "exists as a " + resource.computeType() + " compute"
                    + (resource.attached() ? " (attached)" : "") + ", not " + expected.wireName()
                    + "; it is never overwritten. Choose another name, or detach or delete it first."));
        }
        if (resource.attached() != expected.attachable()) {
            return Optional.of(conflict(address, resource.attached()
                    ? "is attached, not managed by Azure ML; it is never overwritten."
                    : "is managed by Azure ML, not attached; it is never overwritten."));
        }
        return Optional.empty();
    }

    static ActionResult conflict(ComputeAddress address, String what) {
        return new ActionResult.Failed(null,
                List.of(ComputeStatus.ErrorInfo.of("ComputeConflict", "Compute " + address.computeName() + " " + what)));
    }

    static ActionResult notFound(ComputeAddress address, String what) {
        return new ActionResult.Failed(null,
                List.of(ComputeStatus.ErrorInfo.of("ComputeNotFound", "Compute " + address.computeName()
                        + " does not exist: " + what)));
    }

    static ActionResult failedLeftover(ComputeResource resource, ComputeAddress address, String advice) {
        List<ComputeStatus.ErrorInfo> errors = new ArrayList<>();
        errors.add(ComputeStatus.ErrorInfo.of("FailedLeftover", "Compute " + address.computeName()
                + " exists in state " + resource.status().provisioningState() + ". " + advice));
        errors.addAll(resource.status().errors());
        return new ActionResult.Failed(null, errors);
    }

    private static ComputeStatus deleting() {
        return new ComputeStatus("Deleting", null, null, List.of());
    }

    static ActionResult fromException(ProvisioningException e) {
        if (e.kind().retryable()) {
            return new ActionResult.Wait(ActionResult.WaitReason.of(e.kind()), e.code(), e.getMessage(),
                    e.retryAfter());
        }
        return new ActionResult.Failed(null, List.of(ComputeStatus.ErrorInfo.of(e.code(), e.getMessage())));
    }
}
