package io.amlcompute.provisioner.contract.validation;

import io.amlcompute.provisioner.contract.Action;
import io.amlcompute.provisioner.contract.ComputeOperation;
import io.amlcompute.provisioner.contract.EnsureAmlCompute;
import io.amlcompute.provisioner.contract.EnsureComputeInstance;
import io.amlcompute.provisioner.contract.LeaseExpiry;
import io.amlcompute.provisioner.contract.LeaseOptions;
import io.amlcompute.provisioner.contract.OnCancel;
import io.amlcompute.provisioner.contract.OnExisting;
import io.amlcompute.provisioner.contract.OnFailedLeftover;
import io.amlcompute.provisioner.contract.PreflightMode;
import io.amlcompute.provisioner.contract.RequestOptions;
import io.amlcompute.provisioner.contract.UpdateScaleSettings;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads a compute request's {@code options}, filling in every default, and refuses an option its action does not
 * take ({@code OPTION_NOT_APPLICABLE}).
 */
final class OptionsReader {

    /** The longest deadline a request may ask for, whatever the policy says. */
    static final Duration MAX_TIMEOUT = Duration.ofDays(30);
    /** The longest lease a request may ask for, whatever the policy (POLICY_MAX_LEASE) says. */
    static final Duration MAX_LEASE = Duration.ofDays(365);

    private final RequestDefaults defaults;

    OptionsReader(RequestDefaults defaults) {
        this.defaults = defaults;
    }

    RequestOptions read(ObjectFields top, Action action, ComputeOperation operation) {
        Optional<ObjectFields> maybe = top.object("options", false, "the options");
        Duration timeout = defaults.timeout();
        int waitForNodes = 0;
        OnExisting onExisting = OnExisting.REUSE;
        OnFailedLeftover onFailedLeftover = OnFailedLeftover.FAIL;
        PreflightMode preflight = PreflightMode.ENFORCE;
        LeaseOptions lease = null;
        OnCancel onCancel = OnCancel.KEEP;
        if (maybe.isPresent()) {
            ObjectFields options = maybe.get();
            timeout = Optional.ofNullable(options.duration("timeout", MAX_TIMEOUT)).orElse(timeout);
            if (applies(options, "waitForNodes", action, Action.ENSURE, Action.UPDATE)) {
                waitForNodes = Optional.ofNullable(options.integer("waitForNodes", false, 0, RequestParser.MAX_NODES))
                        .orElse(0);
            }
            if (applies(options, "onExisting", action, Action.ENSURE, Action.ATTACH)) {
                onExisting = Optional.ofNullable(options.enumValue("onExisting", OnExisting.class, false))
                        .orElse(onExisting);
                if (action == Action.ATTACH && onExisting == OnExisting.RECONCILE) {
                    options.problems().add(ReasonCode.OPTION_NOT_APPLICABLE, options.pathOf("onExisting"),
                            options.pathOf("onExisting") + " reconcile applies to ensure only: an attached compute"
                                    + " cannot be changed in place. Use reuse or fail, or detach and attach again.");
                }
            }
            if (applies(options, "onFailedLeftover", action, Action.ENSURE)) {
                onFailedLeftover = Optional.ofNullable(
                        options.enumValue("onFailedLeftover", OnFailedLeftover.class, false)).orElse(onFailedLeftover);
            }
            // The actions whose write allocates nodes: a compute instance's start allocates its node again.
            if (applies(options, "preflight", action, Action.ENSURE, Action.UPDATE, Action.START)) {
                preflight = Optional.ofNullable(options.enumValue("preflight", PreflightMode.class, false))
                        .orElse(preflight);
            }
            if (applies(options, "lease", action, Action.ENSURE)) {
                lease = options.object("lease", false, "the lease").map(l -> readLease(l, operation)).orElse(null);
            }
            if (applies(options, "onCancel", action, Action.ENSURE, Action.ATTACH)) {
                onCancel = Optional.ofNullable(options.enumValue("onCancel", OnCancel.class, false)).orElse(onCancel);
            }
            options.finish();
        }
        RequestOptions result = new RequestOptions(timeout, waitForNodes, onExisting, onFailedLeftover, preflight, lease,
                onCancel);
        if (top.problems().isEmpty()) {
            checkWaitForNodes(top, operation, result);
            InstanceSectionReader.checkOptions(top.problems(), operation, result);
        }
        return result;
    }

    /**
     * The lease's terms. Its expiry action has to mean something for the compute: stop for a compute instance only
     * (ARM's Compute_Stop is "an action to a compute instance"), scaleToZero for a cluster only (an instance has no
     * nodes to scale); delete for both.
     */
    private LeaseOptions readLease(ObjectFields lease, ComputeOperation operation) {
        Duration duration = lease.duration("duration", MAX_LEASE);
        if (duration == null && !lease.has("duration")) {
            lease.value("duration", true);
        }
        LeaseExpiry onExpiry = Optional.ofNullable(lease.enumValue("onExpiry", LeaseExpiry.class, false))
                .orElse(LeaseExpiry.DELETE);
        boolean instance = operation instanceof EnsureComputeInstance;
        boolean applies = true;
        if (onExpiry == LeaseExpiry.STOP && !instance) {
            applies = false;
            lease.problems().add(ReasonCode.OPTION_NOT_APPLICABLE, lease.pathOf("onExpiry"), lease.pathOf("onExpiry")
                    + " stop applies to compute instances; a cluster's lease ends with delete or scaleToZero.");
        } else if (onExpiry == LeaseExpiry.SCALE_TO_ZERO && instance) {
            applies = false;
            lease.problems().add(ReasonCode.OPTION_NOT_APPLICABLE, lease.pathOf("onExpiry"), lease.pathOf("onExpiry")
                    + " scaleToZero applies to clusters; a compute instance has no nodes to scale. Its lease ends with"
                    + " stop or delete.");
        }
        lease.finish();
        return duration == null || !applies ? null : new LeaseOptions(duration, onExpiry);
    }

    /** True when the option may be read for this action; reports OPTION_NOT_APPLICABLE when it is set anyway. */
    private static boolean applies(ObjectFields options, String name, Action action, Action... actions) {
        if (action == null || Arrays.asList(actions).contains(action)) {
            return true;
        }
        if (options.has(name)) {
            options.value(name, false);
            options.problems().add(ReasonCode.OPTION_NOT_APPLICABLE, options.pathOf(name), options.pathOf(name)
                    + " does not apply to " + action.wireName() + "; remove it.");
        }
        return false;
    }

    private static void checkWaitForNodes(ObjectFields top, ComputeOperation operation, RequestOptions options) {
        int maxNodes = Integer.MAX_VALUE;
        if (operation instanceof EnsureAmlCompute ensure) {
            maxNodes = ensure.scale().maxNodes();
        } else if (operation instanceof UpdateScaleSettings update) {
            maxNodes = update.scale().maxNodes();
        }
        if (options.waitForNodes() > maxNodes) {
            top.problems().add(ReasonCode.OUT_OF_RANGE, "$.options.waitForNodes", "$.options.waitForNodes ("
                    + options.waitForNodes() + ") is more than $.compute.maxNodes (" + maxNodes
                    + "): the cluster would never be ready.");
        }
    }
}
