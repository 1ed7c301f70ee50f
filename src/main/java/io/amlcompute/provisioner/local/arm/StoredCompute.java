package io.amlcompute.provisioner.local.arm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A compute as the ledger keeps (and persists) it: its definition and its history in time. What it looks like at an
 * instant is {@link ComputeTimeline}'s business.
 *
 * @param nodeFate       what becomes of its nodes, decided at creation from the settings so a restart keeps the story
 * @param lastOperation  the latest create, update, delete, start, stop or restart; the compute is busy while it runs
 * @param allocations    AmlCompute resizes, oldest first; empty for other types or after a failed creation
 * @param instanceFate   a ComputeInstance's fate, decided at creation; null for other types
 */
record StoredCompute(WorkspaceKey workspace, String name, ComputeDefinition definition, NodeFate nodeFate,
                     Instant createdOn, Instant modifiedOn, AsyncOperation lastOperation,
                     List<NodeAllocation> allocations, InstanceFate instanceFate) {

    StoredCompute {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(lastOperation, "lastOperation");
        nodeFate = nodeFate == null ? NodeFate.HEALTHY : nodeFate;
        allocations = allocations == null ? List.of() : List.copyOf(allocations);
        if (instanceFate == null && definition.computeType() == ArmComputeType.COMPUTE_INSTANCE) {
            instanceFate = InstanceFate.HEALTHY;
        }
    }

    /** The resize in force at {@code now}: the latest one that has started, if any. */
    NodeAllocation allocationAt(Instant now) {
        NodeAllocation current = null;
        for (NodeAllocation allocation : allocations) {
            if (!now.isBefore(allocation.start())) {
                current = allocation;
            }
        }
        return current;
    }

    /**
     * The nodes the pool holds at {@code now}: the old count while resizing; a blocked resize up keeps it (blocked by
     * the {@link NodeFate}, or by the quota left when it was decided).
     */
    int nodesAt(Instant now) {
        NodeAllocation allocation = allocationAt(now);
        if (allocation == null) {
            return 0;
        }
        if ((nodeFate == NodeFate.RESIZE_BLOCKED || allocation.blocked() != null) && !allocation.resizingAt(now)) {
            return Math.min(allocation.fromNodes(), allocation.toNodes());
        }
        return allocation.nodesAt(now);
    }

    /**
     * The nodes the pool has or is being given at {@code now}, for quota: the latest resize counts at its target from
     * the moment it is decided (at its larger end while it runs), unless it is blocked, then at what it kept.
     */
    int reservedNodes(Instant now) {
        if (allocations.isEmpty()) {
            return 0;
        }
        NodeAllocation last = allocations.get(allocations.size() - 1);
        boolean blocked = last.blocked() != null
                || (nodeFate == NodeFate.RESIZE_BLOCKED && last.toNodes() > last.fromNodes());
        if (blocked) {
            return Math.min(last.fromNodes(), last.toNodes());
        }
        return now.isBefore(last.end()) ? Math.max(last.fromNodes(), last.toNodes()) : last.toNodes();
    }

    StoredCompute withOperation(AsyncOperation operation, Instant modified) {
        return new StoredCompute(workspace, name, definition, nodeFate, createdOn, modified, operation,
                allocations, instanceFate);
    }

    /** After a scale change: the new definition, the update operation and the resize that follows it. */
    StoredCompute rescaled(ComputeDefinition newDefinition, AsyncOperation update, NodeAllocation resize) {
        List<NodeAllocation> history = new ArrayList<>(allocations);
        // Only the latest resize that has started matters for observation; older ones are dropped to keep files small.
        NodeAllocation inForce = allocationAt(update.startTime());
        history.removeIf(a -> inForce != null && a.start().isBefore(inForce.start()));
        history.add(resize);
        return new StoredCompute(workspace, name, newDefinition, nodeFate, createdOn, update.startTime(), update,
                history, instanceFate);
    }
}
