package io.amlcompute.provisioner.local.arm;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Supplier;

/**
 * The emulator's state: computes per workspace (in creation order; names compare case-insensitively, like ARM
 * names) and the async operations clients poll. Every change is written through to the {@link LedgerFile} when
 * there is one. Thread-safe: one monitor guards everything, and {@link #atomically} lets a caller check and change
 * under it.
 */
final class ComputeLedger {

    /** Finished operations stay pollable this long (emulator time) before they are forgotten. */
    private static final Duration OPERATION_RETENTION = Duration.ofDays(1);

    private final Map<WorkspaceKey, Map<String, StoredCompute>> computes = new LinkedHashMap<>();
    private final Map<String, AsyncOperation> operations = new LinkedHashMap<>();
    /** The same operations by end time, so forgetting the old ones costs what is forgotten, not what is kept. */
    private final PriorityQueue<AsyncOperation> byEndTime =
            new PriorityQueue<>(Comparator.comparing(AsyncOperation::endTime));
    private final Optional<LedgerFile> file;

    ComputeLedger(Optional<LedgerFile> file) {
        this.file = file;
        file.ifPresent(f -> {
            LedgerFile.Snapshot snapshot = f.load();
            snapshot.computes().forEach(c -> workspaceComputes(c.workspace()).put(key(c.name()), c));
            snapshot.operations().forEach(this::register);
        });
    }

    synchronized <T> T atomically(Supplier<T> work) {
        return work.get();
    }

    /** The compute at {@code now}; a compute whose deletion has finished is forgotten here. */
    synchronized Optional<ObservedCompute> find(WorkspaceKey workspace, String name, Instant now) {
        Map<String, StoredCompute> inWorkspace = workspaceComputes(workspace);
        StoredCompute stored = inWorkspace.get(key(name));
        if (stored == null) {
            return Optional.empty();
        }
        Optional<ObservedCompute> observed = ComputeTimeline.observe(stored, now);
        if (observed.isEmpty()) {
            inWorkspace.remove(key(name));
        }
        return observed;
    }

    synchronized List<ObservedCompute> list(WorkspaceKey workspace, Instant now) {
        List<ObservedCompute> observed = new ArrayList<>();
        for (StoredCompute stored : List.copyOf(workspaceComputes(workspace).values())) {
            find(workspace, stored.name(), now).ifPresent(observed::add);
        }
        return observed;
    }

    /** Every compute of every workspace, as stored (finished deletions included until a read forgets them). */
    synchronized List<StoredCompute> all() {
        return allComputes();
    }

    /** Inserts or replaces a compute and registers its latest operation. */
    synchronized void save(StoredCompute compute, Instant now) {
        workspaceComputes(compute.workspace()).put(key(compute.name()), compute);
        register(compute.lastOperation());
        forgetOperationsEndedBefore(now.minus(OPERATION_RETENTION));
        file.ifPresent(f -> f.save(new LedgerFile.Snapshot(LedgerFile.FORMAT_VERSION, allComputes(),
                List.copyOf(operations.values()))));
    }

    synchronized Optional<AsyncOperation> operation(String id) {
        return Optional.ofNullable(operations.get(id));
    }

    private void register(AsyncOperation operation) {
        if (!operation.equals(operations.put(operation.id(), operation))) {
            byEndTime.add(operation);
        }
    }

    private void forgetOperationsEndedBefore(Instant cutoff) {
        while (!byEndTime.isEmpty() && byEndTime.peek().endTime().isBefore(cutoff)) {
            AsyncOperation due = byEndTime.poll();
            AsyncOperation current = operations.get(due.id());
            // Registered again since (with a later end)? Then that entry decides.
            if (current != null && current.endTime().isBefore(cutoff)) {
                operations.remove(due.id());
            }
        }
    }

    private List<StoredCompute> allComputes() {
        return computes.values().stream().flatMap(m -> m.values().stream()).toList();
    }

    private Map<String, StoredCompute> workspaceComputes(WorkspaceKey workspace) {
        return computes.computeIfAbsent(workspace, k -> new LinkedHashMap<>());
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
