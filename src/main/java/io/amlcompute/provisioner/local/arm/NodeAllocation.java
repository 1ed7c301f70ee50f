package io.amlcompute.provisioner.local.arm;

import java.time.Instant;

/**
 * One resize of an AmlCompute node pool: from {@code fromNodes} at {@code start} to {@code toNodes} at {@code end}.
 * While it runs the pool reads Resizing; a resize with no change of count takes no time. Once it has ended the pool
 * is Steady, but its nodes read {@code preparing} until {@code preparedAt} (allocated is not yet usable).
 *
 * @param blocked the node error of a resize up the quota left could not hold, decided when the resize was: it runs,
 *                then the pool is Steady at {@code fromNodes} with this error; null for a resize that gets its nodes
 */
record NodeAllocation(int fromNodes, int toNodes, Instant start, Instant end, Instant preparedAt, ArmError blocked) {

    NodeAllocation {
        if (fromNodes < 0 || toNodes < 0) {
            throw new IllegalArgumentException("node counts must not be negative: " + fromNodes + " -> " + toNodes);
        }
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("a resize cannot end before it starts");
        }
        preparedAt = preparedAt == null || preparedAt.isBefore(end) ? end : preparedAt;
    }

    NodeAllocation(int fromNodes, int toNodes, Instant start, Instant end, Instant preparedAt) {
        this(fromNodes, toNodes, start, end, preparedAt, null);
    }

    /** This resize, blocked by the quota with {@code error}. */
    NodeAllocation blockedBy(ArmError error) {
        return new NodeAllocation(fromNodes, toNodes, start, end, preparedAt, error);
    }

    boolean resizingAt(Instant now) {
        return !now.isBefore(start) && now.isBefore(end);
    }

    /** The nodes that exist at {@code now}: the old count until the resize ends. */
    int nodesAt(Instant now) {
        return now.isBefore(end) ? fromNodes : toNodes;
    }

    /** Whether the pool's nodes are still being prepared at {@code now} (after the resize, before preparedAt). */
    boolean preparingAt(Instant now) {
        return !now.isBefore(end) && now.isBefore(preparedAt);
    }
}
