package io.amlcompute.provisioner.contract;

import java.time.Duration;
import java.util.Objects;

/**
 * A request about another request that is still running: renew or release its lease, or cancel it. It is never an
 * orchestration of its own: the trigger hands it to the target's orchestration, which answers it with one event
 * (or a rejection when it cannot be honoured).
 */
public sealed interface ControlRequest {

    /** This message's own id: its answer event carries it. */
    String requestId();

    String correlationId();

    /** The requestId of the request it addresses (its orchestration's instance id). */
    String target();

    Action action();

    /** Renew the lease of {@code leaseId} (the ensure's requestId) by {@code extendBy}, within the policy's cap. */
    record RenewLease(String requestId, String correlationId, String leaseId, Duration extendBy)
            implements ControlRequest {
        public RenewLease {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(correlationId, "correlationId");
            Objects.requireNonNull(leaseId, "leaseId");
            Objects.requireNonNull(extendBy, "extendBy");
        }

        @Override
        public String target() {
            return leaseId;
        }

        @Override
        public Action action() {
            return Action.RENEW;
        }
    }

    /** End the lease of {@code leaseId} now: its expiry action runs at once. */
    record ReleaseLease(String requestId, String correlationId, String leaseId) implements ControlRequest {
        public ReleaseLease {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(correlationId, "correlationId");
            Objects.requireNonNull(leaseId, "leaseId");
        }

        @Override
        public String target() {
            return leaseId;
        }

        @Override
        public Action action() {
            return Action.RELEASE;
        }
    }

    /** Stop the request {@code targetRequestId} while it is still being carried out. */
    record CancelRequest(String requestId, String correlationId, String targetRequestId) implements ControlRequest {
        public CancelRequest {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(correlationId, "correlationId");
            Objects.requireNonNull(targetRequestId, "targetRequestId");
        }

        @Override
        public String target() {
            return targetRequestId;
        }

        @Override
        public Action action() {
            return Action.CANCEL;
        }
    }
}
