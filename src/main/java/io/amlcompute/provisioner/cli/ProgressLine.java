package io.amlcompute.provisioner.cli;

import io.amlcompute.provisioner.provisioning.LeaseView;
import io.amlcompute.provisioner.provisioning.Progress;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@link Progress} as one line for people: phase, states, node counts, reads so far, when the next read is, the
 * deadline, and the request's lease when it has one. {@code apply} prints one per step; {@code status} and the
 * waiters show the latest.
 */
final class ProgressLine {

    private ProgressLine() {
    }

    /** @param now to say "in 20s" rather than print instants */
    static String describe(Progress progress, Instant now) {
        List<String> parts = new ArrayList<>();
        if (progress.provisioningState() != null) {
            parts.add(progress.provisioningState());
        }
        if (progress.instanceState() != null) {
            parts.add("instance " + progress.instanceState());
        }
        if (progress.allocationState() != null) {
            parts.add(progress.allocationState());
        }
        if (progress.currentNodeCount() != null || progress.targetNodeCount() != null) {
            parts.add("nodes " + count(progress.currentNodeCount()) + "/" + count(progress.targetNodeCount()));
        }
        if (progress.polls() > 0) {
            parts.add(progress.polls() + (progress.polls() == 1 ? " read" : " reads"));
        }
        if (progress.nextPollAt() != null && !isLeaseExpiry(progress)) {
            parts.add(nextWake(progress) + until(now, progress.nextPollAt()));
        }
        if (progress.deadline() != null && progress.phase() != Progress.Phase.PUBLISHING
                && progress.phase() != Progress.Phase.DONE) {
            parts.add("deadline in " + until(now, progress.deadline()));
        }
        if (progress.lease() != null) {
            parts.add(lease(progress.lease(), now));
        }
        String phase = progress.phase() == null ? "running"
                : progress.phase().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return parts.isEmpty() ? phase : phase + ": " + String.join(", ", parts);
    }

    /** A held lease wakes at its expiry, which the lease part says already. */
    private static boolean isLeaseExpiry(Progress progress) {
        return progress.phase() == Progress.Phase.LEASED && progress.lease() != null
                && progress.nextPollAt().equals(progress.lease().expiresAt());
    }

    /**
     * What the process wakes up for at {@code nextPollAt}: a status read, except while a lease holds the compute
     * (to publish lease.expiring before the expiry) and while an ended lease waits for the other holders of its
     * compute.
     */
    private static String nextWake(Progress progress) {
        if (progress.phase() == Progress.Phase.LEASED) {
            return "lease.expiring in ";
        }
        LeaseView lease = progress.lease();
        boolean waitingForHolders = progress.phase() == Progress.Phase.ENDING_LEASE && lease != null
                && lease.state() == LeaseView.State.ENDING && (!lease.heldBy().isEmpty() || lease.note() != null);
        return waitingForHolders ? "next look in " : "next read in ";
    }

    /**
     * {@code lease L until 2026-12-01T10:00:00Z (in 59m), on expiry delete}; while it ends, the other holders it
     * waits for; once it ended, its result; and the note that explains either.
     */
    static String lease(LeaseView lease, Instant now) {
        String onExpiry = lease.onExpiry().wireName();
        String line = switch (lease.state()) {
            case REQUESTED -> "lease " + lease.leaseId() + " of " + Durations.human(lease.duration())
                    + " once ready, on expiry " + onExpiry;
            case ACTIVE -> "lease " + lease.leaseId() + " until " + lease.expiresAt() + " (in "
                    + until(now, lease.expiresAt()) + "), on expiry " + onExpiry;
            case ENDING -> "lease " + lease.leaseId() + " ending, on expiry " + onExpiry
                    + (lease.heldBy().isEmpty() ? "" : ", held by " + String.join(", ", lease.heldBy()));
            case ENDED -> "lease " + lease.leaseId() + " ended"
                    + (lease.result() == null ? "" : ": " + lease.result().wireName());
        };
        return lease.note() == null ? line : line + " (" + lease.note() + ")";
    }

    private static String until(Instant now, Instant then) {
        if (then == null) {
            return "?";
        }
        Duration left = Duration.between(now, then);
        return left.isNegative() ? "0s" : Durations.human(left);
    }

    private static String count(Integer n) {
        return n == null ? "?" : n.toString();
    }
}
