package io.amlcompute.provisioner.provisioning;

import java.time.Instant;
import java.util.List;

/**
 * What a running request is doing, for the status API and {@code computectl}: the orchestration's custom
 * status. Plain values only.
 *
 * @param phase          acting, waiting, publishing or done
 * @param nextPollAt     null when no read is scheduled
 * @param publishFailure null unless the completion event could not be published after every retry: the step and
 *                       its last error. The orchestration then ends Failed, and in Azure its own failure details
 *                       say only "Unexpected failure in the task execution" (durabletask-azure-functions 1.4.0
 *                       wraps every orchestrator exception), so this is where the reason is kept.
 * @param replyFailure   null unless the event, published to the topic, could not be sent to the reply session the
 *                       request asked for after every retry: the step and its last error. The request still ends.
 * @param lease          the request's lease; null when it asked for none
 * @param answered       the requestIds of the latest control requests (renew, release, cancel) this request has
 *                       answered, newest last: the trigger that handed one over reads here that it was answered
 * @param instanceState  a compute instance's own state ({@code Starting}, {@code Stopping}, ...), which is what its
 *                       readiness waits for; null for other compute types
 */
public record Progress(Phase phase, String provisioningState, String allocationState, Integer currentNodeCount,
                       Integer targetNodeCount, int polls, Instant nextPollAt, Instant deadline,
                       String publishFailure, String replyFailure, LeaseView lease, List<String> answered,
                       String instanceState) {

    public Progress {
        answered = answered == null ? List.of() : List.copyOf(answered);
    }

    public Progress(Phase phase, String provisioningState, String allocationState, Integer currentNodeCount,
                    Integer targetNodeCount, int polls, Instant nextPollAt, Instant deadline) {
        this(phase, provisioningState, allocationState, currentNodeCount, targetNodeCount, polls, nextPollAt,
                deadline, null, null, null, List.of(), null);
    }

    public Progress withPublishFailure(String failure) {
        return new Progress(phase, provisioningState, allocationState, currentNodeCount, targetNodeCount, polls,
                nextPollAt, deadline, failure, replyFailure, lease, answered, instanceState);
    }

    public Progress withReplyFailure(String failure) {
        return new Progress(phase, provisioningState, allocationState, currentNodeCount, targetNodeCount, polls,
                nextPollAt, deadline, publishFailure, failure, lease, answered, instanceState);
    }

    public Progress withLease(LeaseView view) {
        return new Progress(phase, provisioningState, allocationState, currentNodeCount, targetNodeCount, polls,
                nextPollAt, deadline, publishFailure, replyFailure, view, answered, instanceState);
    }

    public Progress withAnswered(List<String> ids) {
        return new Progress(phase, provisioningState, allocationState, currentNodeCount, targetNodeCount, polls,
                nextPollAt, deadline, publishFailure, replyFailure, lease, ids, instanceState);
    }

    public Progress withInstanceState(String state) {
        return new Progress(phase, provisioningState, allocationState, currentNodeCount, targetNodeCount, polls,
                nextPollAt, deadline, publishFailure, replyFailure, lease, answered, state);
    }

    public boolean hasAnswered(String controlRequestId) {
        return answered.contains(controlRequestId);
    }

    public enum Phase {
        ACTING, WAITING, PUBLISHING, DONE,
        /** The compute is ready and the request holds it on its lease. */
        LEASED,
        /** The lease ended; its expiry action waits for other holders or is under way. */
        ENDING_LEASE
    }
}
