package io.amlcompute.provisioner.cli;

import io.amlcompute.provisioner.provisioning.Progress;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@link Progress} as one line for people: phase, states, node counts, reads so far, when the next read is and
 * the deadline. {@code apply} prints one per step; {@code status} shows the latest.
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
        if (progress.allocationState() != null) {
            parts.add(progress.allocationState());
        }
        if (progress.currentNodeCount() != null || progress.targetNodeCount() != null) {
            parts.add("nodes " + count(progress.currentNodeCount()) + "/" + count(progress.targetNodeCount()));
        }
        if (progress.polls() > 0) {
            parts.add(progress.polls() + (progress.polls() == 1 ? " read" : " reads"));
        }
        if (progress.nextPollAt() != null) {
            parts.add("next read in " + until(now, progress.nextPollAt()));
        }
        if (progress.deadline() != null && progress.phase() != Progress.Phase.PUBLISHING
                && progress.phase() != Progress.Phase.DONE) {
            parts.add("deadline in " + until(now, progress.deadline()));
        }
        String phase = progress.phase() == null ? "running" : progress.phase().name().toLowerCase(Locale.ROOT);
        return parts.isEmpty() ? phase : phase + ": " + String.join(", ", parts);
    }

    private static String until(Instant now, Instant then) {
        Duration left = Duration.between(now, then);
        return left.isNegative() ? "0s" : Durations.human(left);
    }

    private static String count(Integer n) {
        return n == null ? "?" : n.toString();
    }
}
