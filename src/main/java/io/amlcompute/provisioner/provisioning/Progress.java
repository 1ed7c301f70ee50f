package io.amlcompute.provisioner.provisioning;

import java.time.Instant;

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
 */
public record Progress(Phase phase, String provisioningState, String allocationState, Integer currentNodeCount,
                       Integer targetNodeCount, int polls, Instant nextPollAt, Instant deadline,
                       String publishFailure, String replyFailure) {

    public Progress(Phase phase, String provisioningState, String allocationState, Integer currentNodeCount,
                    Integer targetNodeCount, int polls, Instant nextPollAt, Instant deadline) {
        this(phase, provisioningState, allocationState, currentNodeCount, targetNodeCount, polls, nextPollAt,
                deadline, null, null);
    }

    public Progress withPublishFailure(String failure) {
        return new Progress(phase, provisioningState, allocationState, currentNodeCount, targetNodeCount, polls,
                nextPollAt, deadline, failure, replyFailure);
    }

    public Progress withReplyFailure(String failure) {
        return new Progress(phase, provisioningState, allocationState, currentNodeCount, targetNodeCount, polls,
                nextPollAt, deadline, publishFailure, failure);
    }

    public enum Phase {
        ACTING, WAITING, PUBLISHING, DONE
    }
}
