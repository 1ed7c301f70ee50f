package io.amlcompute.provisioner.local.durable;

import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ActivityResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.WorkItem;
import io.amlcompute.provisioner.local.durable.OrchestratorTurns.Turn;
import io.amlcompute.provisioner.local.durable.WorkQueue.ActivityTask;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Hands work items to the workers' GetWorkItems streams and takes their results.
 *
 * <p>Each stream holds at most one item at a time: the 1.4.0 worker runs items one after another on a single
 * thread, so a second item would only wait in its buffer where no other worker could take it. An item is leased to
 * its stream until the worker completes it; when the stream breaks (worker closed, connection lost, backend
 * restarted) the lease is dropped and the item, still in the store, goes to the next free worker. Results are
 * accepted only from the connection that holds the lease, so a worker that lost its item cannot complete it twice.
 * One orchestrator turn per instance at a time: an instance with a leased turn is not offered again.
 */
final class WorkItemDispatcher implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(WorkItemDispatcher.class.getName());

    /** What a stream currently holds. */
    private sealed interface Lease permits TurnLease, ActivityLease {
        WorkItem workItem();

        String describe();
    }

    private record TurnLease(Turn turn) implements Lease {
        @Override
        public WorkItem workItem() {
            return WorkItem.newBuilder().setOrchestratorRequest(turn.request()).build();
        }

        @Override
        public String describe() {
            return "the orchestrator turn of " + turn.instanceId();
        }
    }

    private record ActivityLease(ActivityTask task) implements Lease {
        @Override
        public WorkItem workItem() {
            return WorkItem.newBuilder().setActivityRequest(task.request()).build();
        }

        @Override
        public String describe() {
            return "activity '" + task.request().getName() + "' (task " + task.request().getTaskId() + ") of "
                    + task.instanceId();
        }
    }

    /** One open GetWorkItems call. */
    private static final class WorkerStream {
        final ServerCallStreamObserver<WorkItem> observer;
        final Object connection;
        Lease lease;
        long lastAssigned;

        WorkerStream(ServerCallStreamObserver<WorkItem> observer, Object connection) {
            this.observer = observer;
            this.connection = connection;
        }
    }

    private final Object lock = new Object();
    private final AtomicBoolean pumpRequested = new AtomicBoolean();
    private final AtomicBoolean pumping = new AtomicBoolean();
    private final List<WorkerStream> streams = new ArrayList<>();
    private final WorkQueue queue;
    private final OrchestratorTurns turns;
    private final Consumer<Set<String>> onInstancesChanged;
    private long assignments;
    private boolean closed;
    private final AtomicLong turnsCompleted = new AtomicLong();
    private final AtomicLong activitiesCompleted = new AtomicLong();
    private final AtomicLong timersFired = new AtomicLong();

    /** @param onInstancesChanged told which instances a committed turn may have changed (runs outside the lock) */
    WorkItemDispatcher(WorkQueue queue, OrchestratorTurns turns, Consumer<Set<String>> onInstancesChanged) {
        this.queue = queue;
        this.turns = turns;
        this.onInstancesChanged = onInstancesChanged;
    }

    /** Registers a worker's stream; it receives items until it breaks or the backend closes. */
    void connect(ServerCallStreamObserver<WorkItem> observer, Object connection) {
        WorkerStream stream = new WorkerStream(observer, connection);
        observer.setOnCancelHandler(() -> disconnect(stream));
        synchronized (lock) {
            if (closed) {
                observer.onError(Status.UNAVAILABLE.withDescription("the Durable backend is closing").asRuntimeException());
                return;
            }
            // The worker opens a new stream only after giving up on its previous one (it does so after any failed
            // call); an older stream on the same connection is abandoned and must not keep its item.
            for (WorkerStream older : List.copyOf(streams)) {
                if (older.connection.equals(connection)) {
                    release(older, "abandoned for a newer stream on the same connection");
                    endQuietly(older, Status.ABORTED.withDescription("replaced by a newer stream"));
                }
            }
            streams.add(stream);
        }
        pump();
    }

    private void disconnect(WorkerStream stream) {
        synchronized (lock) {
            release(stream, "stream closed");
        }
        pump();
    }

    /** Caller holds the lock. */
    private void release(WorkerStream stream, String why) {
        streams.remove(stream);
        if (stream.lease != null) {
            Lease lost = stream.lease;
            LOG.log(Level.INFO, () -> "will deliver " + lost.describe() + " again: " + why);
            stream.lease = null;
        }
    }

    /**
     * Hands out ready work, or leaves that to the thread already doing it: the request is flagged first and the
     * dispatching thread looks again after its pass whenever a flag went up meanwhile, so no request is lost. Every
     * gRPC call that changed something used to dispatch itself, queueing on the lock behind the others (a convoy
     * that grew with the number of workers).
     */
    void pump() {
        pumpRequested.set(true);
        while (pumpRequested.get() && pumping.compareAndSet(false, true)) {
            try {
                pumpRequested.set(false);
                offerReadyWork();
            } finally {
                pumping.set(false);
            }
        }
    }

    /** Offers ready work to free streams: scheduled activities first (a fan-in then sees its results in fewer turns), then turns. */
    private void offerReadyWork() {
        synchronized (lock) {
            while (!closed) {
                // A stream cancelled before its cancel handler ran must not take an item: onNext would drop it.
                for (WorkerStream stream : List.copyOf(streams)) {
                    if (stream.observer.isCancelled()) {
                        release(stream, "stream cancelled");
                    }
                }
                WorkerStream free = streams.stream()
                        .filter(s -> s.lease == null)
                        .min((a, b) -> Long.compare(a.lastAssigned, b.lastAssigned))
                        .orElse(null);
                if (free == null) {
                    return;
                }
                Optional<Lease> next = nextLease();
                if (next.isEmpty()) {
                    return;
                }
                free.lease = next.get();
                free.lastAssigned = ++assignments;
                try {
                    free.observer.onNext(free.lease.workItem());
                } catch (RuntimeException streamGone) {
                    release(free, "send failed: " + streamGone.getMessage());
                }
            }
        }
    }

    /** Caller holds the lock. */
    private Optional<Lease> nextLease() {
        Set<Long> leasedActivities = new HashSet<>();
        Set<String> busyInstances = new HashSet<>();
        for (WorkerStream stream : streams) {
            if (stream.lease instanceof ActivityLease activity) {
                leasedActivities.add(activity.task().id());
            } else if (stream.lease instanceof TurnLease turn) {
                busyInstances.add(turn.turn().instanceId());
            }
        }
        for (ActivityTask task : queue.activities(leasedActivities.size() + 1)) {
            if (!leasedActivities.contains(task.id())) {
                return Optional.of(new ActivityLease(task));
            }
        }
        for (String instanceId : queue.readyInstances(turns.now(), busyInstances.size() + 16)) {
            if (!busyInstances.contains(instanceId)) {
                Optional<Turn> turn = turns.prepare(instanceId);
                if (turn.isPresent()) {
                    return Optional.of(new TurnLease(turn.get()));
                }
            }
        }
        return Optional.empty();
    }

    /** A worker's answer to a turn; ignored unless this connection holds that instance's turn. */
    void completeTurn(OrchestratorResponse response, Object connection) {
        Set<String> changed = Set.of();
        try {
            synchronized (lock) {
                WorkerStream holder = holderOf(connection, lease -> lease instanceof TurnLease t
                        && t.turn().instanceId().equals(response.getInstanceId()));
                if (holder == null) {
                    LOG.log(Level.DEBUG, () -> "dropping a stale orchestrator result for " + response.getInstanceId());
                    return;
                }
                Turn turn = ((TurnLease) holder.lease).turn();
                try {
                    changed = turns.commit(turn, response);
                    turnsCompleted.incrementAndGet();
                    timersFired.addAndGet(turn.request().getNewEventsList().stream()
                            .filter(event -> event.hasTimerFired()).count());
                } catch (HubDatabase.StoreException storeFailure) {
                    throw storeFailure;
                } catch (RuntimeException defect) {
                    LOG.log(Level.ERROR, "cannot apply the turn result of " + turn.instanceId() + "; failing it", defect);
                    turns.failTurn(turn, defect);
                    changed = Set.of(turn.instanceId());
                } finally {
                    // Committed, failed, or rolled back and still queued: either way the stream is free again.
                    holder.lease = null;
                }
            }
            onInstancesChanged.accept(changed);
        } finally {
            pump();
        }
    }

    /** A worker's activity result; ignored unless this connection holds that activity. */
    void completeActivity(ActivityResponse response, Object connection) {
        try {
            synchronized (lock) {
                WorkerStream holder = holderOf(connection, lease -> lease instanceof ActivityLease a
                        && a.task().instanceId().equals(response.getInstanceId())
                        && a.task().request().getTaskId() == response.getTaskId());
                if (holder == null) {
                    LOG.log(Level.DEBUG, () -> "dropping a stale activity result for " + response.getInstanceId()
                            + " task " + response.getTaskId());
                    return;
                }
                try {
                    turns.commitActivity(((ActivityLease) holder.lease).task(), response);
                    activitiesCompleted.incrementAndGet();
                } finally {
                    holder.lease = null;
                }
            }
        } finally {
            pump();
        }
    }

    private WorkerStream holderOf(Object connection, java.util.function.Predicate<Lease> matches) {
        for (WorkerStream stream : streams) {
            if (stream.lease != null && Objects.equals(stream.connection, connection) && matches.test(stream.lease)) {
                return stream;
            }
        }
        return null;
    }

    /** The turns and activities completed so far (a turn or activity delivered again counts each time it completes). */
    WorkItemCounts completed() {
        return new WorkItemCounts(turnsCompleted.get(), activitiesCompleted.get(), timersFired.get());
    }

    /** Ends every stream with UNAVAILABLE, which the worker treats as "sidecar gone, retry later". */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            for (WorkerStream stream : streams) {
                endQuietly(stream, Status.UNAVAILABLE.withDescription("the Durable backend is closing"));
            }
            streams.clear();
        }
    }

    private static void endQuietly(WorkerStream stream, Status status) {
        try {
            stream.observer.onError(status.asRuntimeException());
        } catch (RuntimeException alreadyClosed) {
            // The worker went first; nothing to tell it.
        }
    }
}
