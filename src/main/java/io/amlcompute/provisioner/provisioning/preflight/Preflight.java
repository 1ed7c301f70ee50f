package io.amlcompute.provisioner.provisioning.preflight;

import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.contract.PreflightMode;
import io.amlcompute.provisioner.provisioning.ErrorKind;
import io.amlcompute.provisioner.provisioning.ProvisioningException;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The pre-flight of one write: the mode (the request's {@code options.preflight}, unless the app forces
 * {@code enforce}), the region (the request's, else the workspace's), what ARM publishes for it (cached,
 * {@link RegionOfferCache}), the checks ({@link PreflightCheck}), and the verdict:
 * <ul>
 *   <li>{@code enforce}: any refusing finding refuses the request; warnings go ahead;</li>
 *   <li>{@code warn}: every finding goes ahead as a warning;</li>
 *   <li>{@code off}: nothing is read.</li>
 * </ul>
 * ARM errors on the reads are handled as on any other ARM call: throttling and transient faults (already retried by
 * the adapter) make the step wait and run again; a 403 is a configuration error that names the role to grant, never
 * a silent skip: it fails the request under {@code enforce} and is a warning under {@code warn}; any other error
 * likewise. Thread-safe.
 */
public final class Preflight {

    /** The actions the reads need, on the subscription (Azure permissions for AI + machine learning). */
    public static final List<String> READ_ACTIONS = List.of(
            "Microsoft.MachineLearningServices/locations/vmsizes/read",
            "Microsoft.MachineLearningServices/locations/usages/read",
            "Microsoft.MachineLearningServices/locations/quotas/read");
    /** The role the deployment makes for them (infra/app/region-read-role.bicep). */
    public static final String ROLE_NAME = "AML Compute Provisioner region reader";

    private final RegionReader reader;
    private final RegionOfferCache cache;
    private final PreflightPolicy policy;

    public Preflight(RegionReader reader, PreflightPolicy policy, Clock clock) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.cache = new RegionOfferCache(reader, policy.cacheTtl(), clock);
    }

    /**
     * For callers that have no region reads (tests of other behaviour): every check goes ahead without findings and
     * nothing is read.
     */
    public static Preflight none() {
        return new Preflight();
    }

    private Preflight() {
        this.reader = null;
        this.policy = PreflightPolicy.defaults();
        this.cache = null;
    }

    /** The mode a request gets: its own, unless the app forces {@code enforce}. */
    public PreflightMode effectiveMode(PreflightMode requested) {
        return policy.forceEnforce() ? PreflightMode.ENFORCE : requested;
    }

    /** Checks {@code need} as {@code requested} asks (see the class comment). */
    public PreflightVerdict check(CapacityNeed need, PreflightMode requested, String correlationId) {
        PreflightMode mode = effectiveMode(requested);
        if (mode == PreflightMode.OFF || reader == null) {
            return PreflightVerdict.proceed();
        }
        String region = need.region();
        List<Finding> findings;
        try {
            if (region == null) {
                region = reader.workspaceRegion(need.workspace(), correlationId);
            }
            findings = PreflightCheck.of(need, region, cache.get(need.workspace().subscriptionId(), region,
                    correlationId));
        } catch (ProvisioningException e) {
            return unreadable(e, need, region, mode);
        }
        List<ComputeStatus.ErrorInfo> refusals = new ArrayList<>();
        List<ComputeStatus.ErrorInfo> warnings = new ArrayList<>();
        for (Finding finding : findings) {
            (finding.refuses() && mode == PreflightMode.ENFORCE ? refusals : warnings).add(finding.info());
        }
        return refusals.isEmpty() ? new PreflightVerdict.Proceed(warnings) : new PreflightVerdict.Refuse(refusals);
    }

    /** How often a region was read since start (each time its vmSizes, usages and quotas). */
    public long regionReads() {
        return cache == null ? 0 : cache.fills();
    }

    private static PreflightVerdict unreadable(ProvisioningException e, CapacityNeed need, String region,
                                               PreflightMode mode) {
        if (e.kind().retryable()) {
            return new PreflightVerdict.Wait(e.kind(), e.code(), "The pre-flight could not read region "
                    + (region == null ? "of workspace " + need.workspace().workspaceName() : region) + ": "
                    + e.getMessage(), e.retryAfter());
        }
        String where = region == null ? "the region of workspace " + need.workspace().workspaceName()
                : "region " + region + " of subscription " + need.workspace().subscriptionId();
        ComputeStatus.ErrorInfo error;
        if (e.kind() == ErrorKind.FORBIDDEN) {
            error = ComputeStatus.ErrorInfo.of(PreflightCode.PREFLIGHT_READ_FORBIDDEN.name(),
                    "ARM refused the app's identity a pre-flight read of " + where + " (" + e.code() + ": "
                            + e.getMessage() + "). Grant the identity the role '" + ROLE_NAME + "' on subscription "
                            + need.workspace().subscriptionId() + " (the deployment does unless assignWorkspaceRoles"
                            + " is false): it holds " + String.join(", ", READ_ACTIONS)
                            + ". Or set options.preflight to warn or off.");
        } else {
            error = ComputeStatus.ErrorInfo.of(PreflightCode.PREFLIGHT_READ_FAILED.name(),
                    "The pre-flight could not read " + where + " (" + e.code() + ": " + e.getMessage()
                            + "). Check the workspace's subscription and the region, or set options.preflight to"
                            + " warn or off.");
        }
        return mode == PreflightMode.ENFORCE ? new PreflightVerdict.Fail(List.of(error))
                : new PreflightVerdict.Proceed(List.of(error));
    }

}
