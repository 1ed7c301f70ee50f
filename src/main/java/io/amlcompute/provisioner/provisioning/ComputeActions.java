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
import io.amlcompute.provisioner.contract.ScaleSettings;
import io.amlcompute.provisioner.contract.UpdateScaleSettings;
import io.amlcompute.provisioner.contract.event.Drift;
import io.amlcompute.provisioner.contract.event.Outcome;
import io.amlcompute.provisioner.provisioning.preflight.Preflight;
import io.amlcompute.provisioner.provisioning.preflight.PreflightVerdict;

import java.time.Duration;
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
 * <p>Every write that allocates nodes (the create PUT, a reconcile or update PATCH that asks for more nodes than the
 * cluster holds, a compute instance's create PUT and the POST that starts a stopped one) is preceded by the region {@link Preflight}: a request whose VM size the region does not offer, or
 * whose nodes the quota left cannot hold, ends here with outcome rejected and nothing written.
 *
 * <p>Thread-safe. Steps for the same compute in this process run one at a time, so concurrent requests for one
 * compute send a single create PUT; across processes, ARM's 409 decides and the loser continues as existing.
 */
public final class ComputeActions {

    private final ComputeGateway gateway;
    private final ActionPreflight preflight;
    private final InstanceActions instances;
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public ComputeActions(ComputeGateway gateway, Preflight preflight) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.preflight = new ActionPreflight(this.gateway, Objects.requireNonNull(preflight, "preflight"));
        this.instances = new InstanceActions(this.gateway, this, this.preflight);
    }

    /** Without a region pre-flight ({@link Preflight#none()}): for callers that test other behaviour. */
    public ComputeActions(ComputeGateway gateway) {
        this(gateway, Preflight.none());
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

    /**
     * The pre-flight the request's action would make, and nothing else (see {@link ActionPreflight#preview}): writes
     * nothing; for {@code computectl validate --preflight}.
     */
    public PreflightVerdict preview(ComputeRequest request) {
        return preflight.preview(request);
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

    /**
     * A lease's expiry action or a cancel's removal. Outcomes: {@code deleted} or {@code detached} (status null when
     * the compute was gone already), {@code updated} for a scale to zero, {@code existing} when the compute is kept
     * because the creator did not make it (no {@link CreatorMark} of its request); for a compute instance's stop,
     * {@code stopped} (POST sent, or joined) or {@code existing} (Stopped already), or a wait while another operation
     * runs.
     */
    public ActionResult cleanUp(CleanUp cleanUp) {
        ComputeAddress address = cleanUp.address();
        ReentrantLock lock = locks.computeIfAbsent(address.key(), k -> new ReentrantLock());
        lock.lock();
        try {
            return cleanUpLocked(cleanUp, address);
        } catch (ProvisioningException e) {
            return fromException(e);
        } finally {
            lock.unlock();
        }
    }

    private ActionResult cleanUpLocked(CleanUp cleanUp, ComputeAddress address) {
        String correlationId = cleanUp.correlationId();
        Outcome removed = cleanUp.kind() == CleanUp.Kind.DETACH ? Outcome.DETACHED : Outcome.DELETED;
        Optional<ComputeResource> existing = gateway.get(address, correlationId);
        if (existing.isEmpty()) {
            return new ActionResult.Done(removed, List.of(), null);
        }
        ComputeResource resource = existing.get();
        return switch (cleanUp.kind()) {
            case DELETE, DETACH -> {
                if (!new CreatorMark(cleanUp.creatorRequestId()).isOn(resource)) {
                    yield new ActionResult.Done(Outcome.EXISTING, List.of(), resource.status());
                }
                boolean existed = gateway.delete(address, cleanUp.kind() == CleanUp.Kind.DETACH
                        ? UnderlyingResourceAction.DETACH : UnderlyingResourceAction.DELETE, correlationId);
                yield new ActionResult.Done(removed, List.of(), existed ? deleting() : null);
            }
            case SCALE_TO_ZERO -> scaleToZero(resource, address, correlationId);
            // A type conflict (the instance was replaced by a cluster meanwhile) fails as it would for a stop request.
            case STOP -> instances.stopAtLeaseEnd(resource, address, correlationId);
        };
    }

    /** min nodes 0, the max and idle time as the cluster has them: it keeps serving jobs, and costs nothing idle. */
    private ActionResult scaleToZero(ComputeResource resource, ComputeAddress address, String correlationId) {
        Optional<ActionResult> conflict = typeConflict(resource, ComputeType.AML_COMPUTE, address);
        if (conflict.isPresent()) {
            return conflict.get();
        }
        ComputeResource.ClusterSettings cluster = resource.cluster();
        if (cluster != null && cluster.minNodes() != null && cluster.minNodes() == 0) {
            return new ActionResult.Done(Outcome.UPDATED, List.of(), resource.status());
        }
        if (cluster == null || cluster.maxNodes() == null) {
            return new ActionResult.Failed(null, List.of(ComputeStatus.ErrorInfo.of("ScaleSettingsUnknown",
                    "Compute " + address.computeName() + " returned no scale settings; its min nodes were left"
                            + " as they are.")));
        }
        // The idle time is not sent (idleBeforeScaleDownGiven false): the PATCH keeps the cluster's own.
        UpdateScaleSettings patch = new UpdateScaleSettings(address.computeName(),
                new ScaleSettings(0, cluster.maxNodes(), Duration.ZERO), false);
        return new ActionResult.Done(Outcome.UPDATED, List.of(),
                gateway.updateScale(address, patch, correlationId).status());
    }

    private ActionResult dispatch(ComputeRequest request, ComputeAddress address) {
        String correlationId = request.correlationId();
        if (request.operation() instanceof EnsureAmlCompute ensure) {
            return ensure(request, ensure, address, correlationId);
        } else if (request.operation() instanceof AttachCompute attach) {
            return attach(request, attach, address, correlationId);
        } else if (request.operation() instanceof UpdateScaleSettings update) {
            return update(request, update, address, correlationId);
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
                () -> preflight.beforeCreate(request, ensure),
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
            case RECONCILE -> reconcile(request, ensure, resource, drift, address, correlationId);
        };
    }

    private ActionResult reconcile(ComputeRequest request, EnsureAmlCompute ensure, ComputeResource resource,
                                   List<Drift> drift, ComputeAddress address, String correlationId) {
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
        PreflightVerdict verdict = preflight.beforeRescale(request, ensure.scale(), resource);
        if (!(verdict instanceof PreflightVerdict.Proceed proceed)) {
            return ActionPreflight.stopped(verdict);
        }
        UpdateScaleSettings patch = new UpdateScaleSettings(address.computeName(), ensure.scale(), true);
        ComputeResource updated = gateway.updateScale(address, patch, correlationId);
        return new ActionResult.Done(Outcome.RECONCILED, drift, updated.status()).withWarnings(proceed.warnings());
    }

    private ActionResult attach(ComputeRequest request, AttachCompute attach, ComputeAddress address,
                                String correlationId) {
        CreatorMark mark = new CreatorMark(request.requestId());
        // An attached compute brings its own nodes: there is nothing to check in the region.
        Found found = findOrPut(address, correlationId, mark, Outcome.ATTACHED, PreflightVerdict::proceed,
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

    private ActionResult update(ComputeRequest request, UpdateScaleSettings update, ComputeAddress address,
                                String correlationId) {
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
        PreflightVerdict verdict = preflight.beforeRescale(request, update.scale(), existing.get());
        if (!(verdict instanceof PreflightVerdict.Proceed proceed)) {
            return ActionPreflight.stopped(verdict);
        }
        ComputeResource updated = gateway.updateScale(address, update, correlationId);
        return new ActionResult.Done(Outcome.UPDATED, List.of(), updated.status()).withWarnings(proceed.warnings());
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
     * GET, and PUT when absent (after the pre-flight, which may stop it). A compute that carries this request's {@link CreatorMark} is this request's own: an
     * earlier run of the step got it accepted but its result was lost (the process died, or ARM's answer never
     * came), so the step ends as the PUT would have. A PUT that loses the race to another creator (409) continues
     * with what the winner created (which may be this request's own lost PUT, retried, refused as existing or as
     * still being created); if that is not visible yet, the step waits.
     *
     * @return the result when the PUT decided it, else the existing compute to decide about
     */
    Found findOrPut(ComputeAddress address, String correlationId, CreatorMark mark, Outcome outcomeOfPut,
                    Supplier<PreflightVerdict> preflightOfPut, Supplier<ComputeResource> put) {
        Optional<ComputeResource> existing = gateway.get(address, correlationId);
        if (existing.isPresent()) {
            return found(existing.get(), mark, outcomeOfPut);
        }
        PreflightVerdict verdict = preflightOfPut.get();
        if (!(verdict instanceof PreflightVerdict.Proceed proceed)) {
            return new Found(null, ActionPreflight.stopped(verdict));
        }
        try {
            return new Found(null, new ActionResult.Done(outcomeOfPut, List.of(), put.get().status())
                    .withWarnings(proceed.warnings()));
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
