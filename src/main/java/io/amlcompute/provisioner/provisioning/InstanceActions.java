package io.amlcompute.provisioner.provisioning;

import io.amlcompute.provisioner.contract.Action;
import io.amlcompute.provisioner.contract.ComputeOperation;
import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.contract.ComputeType;
import io.amlcompute.provisioner.contract.EnsureComputeInstance;
import io.amlcompute.provisioner.contract.InstancePowerChange;
import io.amlcompute.provisioner.contract.InstanceStatus;
import io.amlcompute.provisioner.contract.OnFailedLeftover;
import io.amlcompute.provisioner.contract.event.Drift;
import io.amlcompute.provisioner.contract.event.Outcome;
import io.amlcompute.provisioner.provisioning.preflight.PreflightVerdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The decisions for compute instances: get-or-create (as for clusters, with the creator mark), and start, stop and
 * restart. Called by {@link ComputeActions}, inside its per-compute lock: two concurrent requests for one instance in
 * this process act one after the other, and the second finds the first one's operation under way and joins it instead
 * of sending a second POST; across processes ARM's 409 decides and the loser reads again.
 *
 * <p>Rules: an instance is never reassigned (another user's instance is a conflict), and never changed in place (ARM
 * has no update for it): its VM size, assigned user, subnet and public SSH are fixed at creation ("SSH access can't be
 * enabled or disabled after creation", Azure ML docs, how-to-create-compute-instance), so a difference in them fails
 * the request, while other differences are reported as drift. An action whose state is already reached completes at
 * once with {@code existing}; one another operation is carrying out is joined; one that has to wait for another
 * operation (a stop while it starts) waits and tries again. The create PUT and a start POST allocate the instance's
 * node, so the region pre-flight ({@link ActionPreflight}) comes first; a refusal ends the request with nothing sent.
 */
final class InstanceActions {

    /** ComputeInstanceState values after which the machine cannot be used (ComputeInstanceState, 2025-12-01). */
    static final Set<String> FAILED_STATES = Set.of("CreateFailed", "Unusable", "SetupFailed", "UserSetupFailed");
    /** Fields of an instance fixed at creation. */
    static final List<String> IMMUTABLE_FIELDS = List.of("vmSize", "assignedUser", "subnet", "sshPublicAccess");

    private final ComputeGateway gateway;
    private final ComputeActions actions;
    private final ActionPreflight preflight;

    InstanceActions(ComputeGateway gateway, ComputeActions actions, ActionPreflight preflight) {
        this.gateway = gateway;
        this.actions = actions;
        this.preflight = preflight;
    }

    static boolean handles(ComputeOperation operation) {
        return operation instanceof EnsureComputeInstance || operation instanceof InstancePowerChange;
    }

    ActionResult perform(ComputeRequest request, ComputeAddress address) {
        if (request.operation() instanceof EnsureComputeInstance instance) {
            return ensure(request, instance, address);
        }
        return power(request, ((InstancePowerChange) request.operation()).action(), address);
    }

    private ActionResult ensure(ComputeRequest request, EnsureComputeInstance instance, ComputeAddress address) {
        String correlationId = request.correlationId();
        CreatorMark mark = new CreatorMark(request.requestId());
        // The PUT allocates the instance's node: the region pre-flight first (issue 18). Reuse writes nothing.
        ComputeActions.Found found = actions.findOrPut(address, correlationId, mark, Outcome.CREATED,
                () -> preflight.beforeCreateInstance(request, instance),
                () -> gateway.createInstance(address, instance, mark, correlationId));
        if (found.result() != null) {
            return found.result();
        }
        ComputeResource resource = found.existing();
        Optional<ActionResult> conflict = ComputeActions.typeConflict(resource, ComputeType.COMPUTE_INSTANCE, address);
        if (conflict.isPresent()) {
            return conflict.get();
        }
        if (resource.inState("Deleting")) {
            return new ActionResult.Wait(ActionResult.WaitReason.DELETING_LEFTOVER, "ComputeBeingDeleted",
                    "Compute instance " + address.computeName() + " is being deleted; it is created again once it is"
                            + " gone.", null);
        }
        Optional<ActionResult> otherUser = assignedToAnotherUser(instance, resource, address);
        if (otherUser.isPresent()) {
            return otherUser.get();
        }
        if (resource.failed() || FAILED_STATES.contains(stateOf(resource.status()))) {
            if (request.options().onFailedLeftover() == OnFailedLeftover.REPLACE) {
                gateway.delete(address, UnderlyingResourceAction.DELETE, correlationId);
                return new ActionResult.Wait(ActionResult.WaitReason.DELETING_LEFTOVER, "ReplacingFailedCompute",
                        "Compute instance " + address.computeName() + " was left in state "
                                + describe(resource.status()) + "; it is deleted and created again.", null);
            }
            return ComputeActions.failedLeftover(resource, address, "Set options.onFailedLeftover to replace to"
                    + " delete and recreate it, delete it first, or restart it if it is Unusable.");
        }
        List<Drift> drift = DriftDetector.of(instance, resource);
        List<String> fixed = drift.stream().map(Drift::field).filter(IMMUTABLE_FIELDS::contains).toList();
        if (!fixed.isEmpty()) {
            return new ActionResult.Failed(null, List.of(ComputeStatus.ErrorInfo.of("ImmutableFieldDrift",
                    "Compute instance " + address.computeName() + " differs in " + String.join(", ", fixed)
                            + ", which cannot change after creation. Delete the instance and ensure it again, or"
                            + " align the request.")));
        }
        return switch (request.options().onExisting()) {
            case FAIL -> new ActionResult.Failed(null, List.of(ComputeStatus.ErrorInfo.of("ComputeExists",
                    "Compute instance " + address.computeName() + " exists already and options.onExisting is fail.")));
            // The parser refuses reconcile for an instance: nothing of it can be changed in place.
            case REUSE, RECONCILE -> new ActionResult.Done(Outcome.EXISTING, drift, resource.status());
        };
    }

    /**
     * An instance belongs to the person it was assigned to (or, without one, to whoever created it): a request for
     * someone else never takes it over. Object ids compare without case, as GUIDs do.
     */
    private static Optional<ActionResult> assignedToAnotherUser(EnsureComputeInstance instance,
                                                                ComputeResource resource, ComputeAddress address) {
        String wanted = instance.assignedUser() == null ? null : instance.assignedUser().objectId();
        String actual = resource.instance() == null ? null : resource.instance().assignedUserObjectId();
        if (wanted == null ? actual == null : wanted.equalsIgnoreCase(actual)) {
            return Optional.empty();
        }
        return Optional.of(ComputeActions.conflict(address, "is assigned to "
                + (actual == null ? "no one (it belongs to whoever created it)" : "user " + actual)
                + ", not to " + (wanted == null ? "no one" : "user " + wanted)
                + "; an instance is never reassigned. Choose another name, or delete it first."));
    }

    /**
     * Start, stop or restart. Reads the instance first, and sends the POST only when it is needed and allowed now:
     * already in the wanted state ends at once ({@code existing}), an operation that leads there is joined, and an
     * operation that has to end first is waited for. A POST that ARM refuses because the instance moved meanwhile (409,
     * or a state that no longer allows it) is followed by one more read and the same decision, without a second POST.
     */
    private ActionResult power(ComputeRequest request, Action action, ComputeAddress address) {
        Optional<ComputeResource> existing = gateway.get(address, request.correlationId());
        if (existing.isEmpty()) {
            return ComputeActions.notFound(address, "there is nothing to " + action.wireName()
                    + "; use ensure to create it.");
        }
        // A start POST allocates the instance's node again: the region pre-flight first (issue 18). Stop and restart
        // keep or free the node, so they need no check.
        return power(action, address, request.correlationId(), existing.get(),
                current -> action == Action.START ? preflight.beforeStart(request, current)
                        : PreflightVerdict.proceed());
    }

    /** Whether a start of this instance would send the POST (it is Stopped), rather than end at once or join. */
    static boolean startWouldPost(ComputeResource current) {
        return PowerStep.decide(Action.START, current.status()) instanceof Step.Post;
    }

    /**
     * A lease's stop at its end ({@link CleanUp.Kind#STOP}), of the instance just read: the same decision and POST as
     * a stop request, so an instance that is Stopped already ends as {@code existing}, and one that is Stopping is
     * joined.
     */
    ActionResult stopAtLeaseEnd(ComputeResource resource, ComputeAddress address, String correlationId) {
        return power(Action.STOP, address, correlationId, resource, current -> PreflightVerdict.proceed());
    }

    /**
     * @param beforePost the pre-flight of the POST, asked only when the POST is to be sent: an action that ends at
     *                   once or joins an operation under way allocates nothing
     */
    private ActionResult power(Action action, ComputeAddress address, String correlationId,
                               ComputeResource current, Function<ComputeResource, PreflightVerdict> beforePost) {
        Optional<ActionResult> conflict = ComputeActions.typeConflict(current, ComputeType.COMPUTE_INSTANCE,
                address);
        if (conflict.isPresent()) {
            return conflict.get();
        }
        Step step = PowerStep.decide(action, current.status());
        if (!(step instanceof Step.Post)) {
            return step.result(address, current);
        }
        PreflightVerdict verdict = beforePost.apply(current);
        if (!(verdict instanceof PreflightVerdict.Proceed proceed)) {
            return ActionPreflight.stopped(verdict);
        }
        try {
            switch (action) {
                case START -> gateway.start(address, correlationId);
                case STOP -> gateway.stop(address, correlationId);
                case RESTART -> gateway.restart(address, correlationId);
                default -> throw new IllegalArgumentException(action + " is not a power action");
            }
        } catch (ProvisioningException e) {
            if (e.kind() != ErrorKind.OPERATION_IN_PROGRESS && e.kind() != ErrorKind.INVALID_REQUEST) {
                throw e;
            }
            Optional<ComputeResource> moved = gateway.get(address, correlationId);
            if (moved.isEmpty()) {
                return ComputeActions.notFound(address, "it was deleted while this request wanted to "
                        + action.wireName() + " it.");
            }
            Step again = PowerStep.decide(action, moved.get().status());
            if (again instanceof Step.Post) {
                // Still not done by anyone else, and ARM would not take it now: wait for the instance to settle.
                return new ActionResult.Wait(ActionResult.WaitReason.OPERATION_IN_PROGRESS, e.code(), e.getMessage(),
                        e.retryAfter());
            }
            return again.result(address, moved.get());
        }
        ComputeStatus after = gateway.get(address, correlationId).map(ComputeResource::status)
                .orElse(current.status());
        return new ActionResult.Done(PowerStep.outcomeOf(action), List.of(), after).withWarnings(proceed.warnings());
    }

    private static String stateOf(ComputeStatus status) {
        return status == null || status.instance() == null ? null : status.instance().state();
    }

    private static String describe(ComputeStatus status) {
        String state = stateOf(status);
        return state != null ? state : status.provisioningState();
    }

    /** What a power action does with an instance in a given state. */
    sealed interface Step {

        ActionResult result(ComputeAddress address, ComputeResource resource);

        /** Send the POST. */
        record Post() implements Step {
            @Override
            public ActionResult result(ComputeAddress address, ComputeResource resource) {
                throw new IllegalStateException("a POST has no result before it is sent");
            }
        }

        /** Nothing to send: the wanted state is reached ({@code existing}), or an operation leading there runs. */
        record Done(Outcome outcome) implements Step {
            @Override
            public ActionResult result(ComputeAddress address, ComputeResource resource) {
                return new ActionResult.Done(outcome, List.of(), resource.status());
            }
        }

        /** Another operation has to end first. */
        record Wait(String state) implements Step {
            @Override
            public ActionResult result(ComputeAddress address, ComputeResource resource) {
                return new ActionResult.Wait(ActionResult.WaitReason.OPERATION_IN_PROGRESS, "InstanceBusy",
                        "Compute instance " + address.computeName() + " is " + state + "; the action is sent once"
                                + " that has ended.", null);
            }
        }

        /** The instance's state does not allow the action, now or later. */
        record Refuse(String code, String why) implements Step {
            @Override
            public ActionResult result(ComputeAddress address, ComputeResource resource) {
                List<ComputeStatus.ErrorInfo> errors = new ArrayList<>();
                errors.add(ComputeStatus.ErrorInfo.of(code, "Compute instance " + address.computeName() + " " + why));
                errors.addAll(resource.status().errors());
                return new ActionResult.Failed(null, errors);
            }
        }
    }

    /** The table of power actions by state (ComputeInstanceState, 2025-12-01; unknown states are waited out). */
    static final class PowerStep {

        private PowerStep() {
        }

        static Step decide(Action action, ComputeStatus status) {
            String state = stateOf(status);
            if (status != null && "Failed".equals(status.provisioningState())) {
                state = state == null ? "CreateFailed" : state;
            }
            if (state != null && FAILED_STATES.contains(state) && !(action == Action.RESTART
                    && "Unusable".equals(state))) {
                return new Step.Refuse("InstanceNotUsable", "is " + state + " and cannot be "
                        + pastTense(action) + (state.equals("Unusable") ? "; restart it to recover." : "; delete it and"
                        + " ensure it again."));
            }
            boolean running = state != null && InstanceStatus.RUNNING_STATES.contains(state);
            return switch (action) {
                case START -> running ? new Step.Done(Outcome.EXISTING)
                        : "Starting".equals(state) ? new Step.Done(Outcome.STARTED)
                        : "Stopped".equals(state) ? new Step.Post() : new Step.Wait(describeState(state));
                case STOP -> "Stopped".equals(state) ? new Step.Done(Outcome.EXISTING)
                        : "Stopping".equals(state) ? new Step.Done(Outcome.STOPPED)
                        : running ? new Step.Post() : new Step.Wait(describeState(state));
                case RESTART -> "Restarting".equals(state) ? new Step.Done(Outcome.RESTARTED)
                        : running || "Unusable".equals(state) ? new Step.Post()
                        : "Stopped".equals(state) ? new Step.Refuse("InstanceStopped",
                        "is Stopped: a restart applies to a running instance; send start instead.")
                        : new Step.Wait(describeState(state));
                default -> throw new IllegalArgumentException(action + " is not a power action");
            };
        }

        static Outcome outcomeOf(Action action) {
            return switch (action) {
                case START -> Outcome.STARTED;
                case STOP -> Outcome.STOPPED;
                case RESTART -> Outcome.RESTARTED;
                default -> throw new IllegalArgumentException(action + " is not a power action");
            };
        }

        private static String pastTense(Action action) {
            return action == Action.STOP ? "stopped" : action.wireName().toLowerCase(Locale.ROOT) + "ed";
        }

        private static String describeState(String state) {
            return state == null ? "in a state ARM does not report yet" : state;
        }
    }
}
