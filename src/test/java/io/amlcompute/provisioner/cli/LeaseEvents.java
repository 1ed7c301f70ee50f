package io.amlcompute.provisioner.cli;

import io.amlcompute.provisioner.contract.Action;
import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.contract.LeaseExpiry;
import io.amlcompute.provisioner.contract.event.Completion;
import io.amlcompute.provisioner.contract.event.ComputeEvent;
import io.amlcompute.provisioner.contract.event.ComputeEvents;
import io.amlcompute.provisioner.contract.event.EventType;
import io.amlcompute.provisioner.contract.event.LeaseInfo;
import io.amlcompute.provisioner.contract.event.LeaseResult;
import io.amlcompute.provisioner.contract.event.Outcome;
import io.amlcompute.provisioner.contract.validation.ReasonCode;
import io.amlcompute.provisioner.contract.validation.RequestContext;
import io.amlcompute.provisioner.contract.validation.Samples;
import io.amlcompute.provisioner.contract.validation.ValidationError;

import java.time.Instant;
import java.util.List;

/**
 * The events the app publishes about a lease and about control requests, built with the app's own
 * {@link ComputeEvents}, for tests that play the function's part against the Service Bus emulator.
 */
final class LeaseEvents {

    static final Instant READY_AT = Instant.parse("2026-11-29T10:00:00Z");
    static final Instant EXPIRES_AT = READY_AT.plusSeconds(4 * 3600);

    private LeaseEvents() {
    }

    /** The leased sample ensure with another requestId: the lease's holder, whose id is the lease id. */
    static ComputeRequest holder(String leaseId) {
        return LocalServiceBus.parse(Samples.with("ensure-amlcompute-lease.json", "/requestId", "\"" + leaseId + "\""),
                null);
    }

    static LeaseInfo active(String leaseId, Instant expiresAt) {
        return LeaseInfo.active(leaseId, expiresAt, LeaseExpiry.DELETE);
    }

    /** The holder's ready event, which announces its lease. */
    static ComputeEvent ready(ComputeRequest holder) {
        Completion completion = new Completion(EventType.READY, Outcome.CREATED, status("Succeeded"), List.of(),
                List.of(), 2);
        return ComputeEvents.completed(holder, completion, READY_AT.minusSeconds(90), READY_AT,
                active(holder.requestId(), EXPIRES_AT));
    }

    static ComputeEvent renewed(ComputeRequest holder, String renewId, Instant newExpiry) {
        return ComputeEvents.leaseAnswer(holder, EventType.LEASE_RENEWED, Action.RENEW, renewId, renewId,
                active(holder.requestId(), newExpiry), READY_AT.plusSeconds(60));
    }

    static ComputeEvent released(ComputeRequest holder, String releaseId) {
        Instant now = READY_AT.plusSeconds(120);
        return ComputeEvents.leaseAnswer(holder, EventType.LEASE_RELEASED, Action.RELEASE, releaseId, releaseId,
                active(holder.requestId(), now), now);
    }

    static ComputeEvent expiring(ComputeRequest holder) {
        return ComputeEvents.lease(holder, EventType.LEASE_EXPIRING, active(holder.requestId(), EXPIRES_AT),
                status("Succeeded"), List.of(), READY_AT, EXPIRES_AT.minusSeconds(900));
    }

    static ComputeEvent expired(ComputeRequest holder, LeaseResult result) {
        LeaseInfo lease = new LeaseInfo(holder.requestId(), EXPIRES_AT, LeaseExpiry.DELETE, result, null);
        List<ComputeStatus.ErrorInfo> errors = result == LeaseResult.FAILED
                ? List.of(ComputeStatus.ErrorInfo.of("AuthorizationFailed", "The delete was refused.")) : List.of();
        return ComputeEvents.lease(holder, EventType.LEASE_EXPIRED, lease, null, errors, READY_AT,
                EXPIRES_AT.plusSeconds(60));
    }

    /** The target's terminal event after a cancel, as the app publishes it to the target's and the cancel's sessions. */
    static ComputeEvent cancelled(ComputeRequest target, String cancelId) {
        Completion completion = new Completion(EventType.CANCELLED, Outcome.CANCELLED, status("Deleting"),
                List.of(ComputeStatus.ErrorInfo.of("Cancelled", "Request " + target.requestId()
                        + " was cancelled by request " + cancelId + ".")), List.of(), 3);
        return ComputeEvents.completed(target, completion, READY_AT.minusSeconds(30), READY_AT);
    }

    /** The answer to a control request that cannot be honoured: a rejection with the control request's own id. */
    static ComputeEvent rejected(ComputeRequest target, String controlId, Action action, ReasonCode code) {
        RequestContext context = new RequestContext(controlId, controlId, action, target.workspace(),
                target.computeName(), target.operation().computeType());
        String path = action == Action.CANCEL ? "$.targetRequestId" : "$.leaseId";
        return ComputeEvents.rejected(context, List.of(new ValidationError(code, path, "Cannot be honoured.")),
                READY_AT, controlId);
    }

    private static ComputeStatus status(String provisioningState) {
        return new ComputeStatus(provisioningState, "Steady", new ComputeStatus.NodeCounts(0, 0, 0, 0, 0, 0, 0, 0),
                List.of());
    }
}
