package io.amlcompute.provisioner.local.durable;

import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.GetInstanceResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationStatus;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * WaitForInstanceStart and WaitForInstanceCompletion without polling: a waiter is answered when a change to its
 * instance satisfies it, or when the client's deadline cancels the call. Like the Durable extension, both waits
 * also cover an id that does not exist yet.
 */
final class InstanceWaiters implements AutoCloseable {

    /** What a client waits for. */
    enum Until {
        /** Anything but Pending: the first turn has committed (or the instance was suspended or terminated). */
        STARTED {
            @Override
            boolean reachedBy(InstanceRecord record) {
                return record.status() != OrchestrationStatus.ORCHESTRATION_STATUS_PENDING;
            }
        },
        /** Completed, Failed, Terminated or Canceled. */
        FINISHED {
            @Override
            boolean reachedBy(InstanceRecord record) {
                return record.isFinal();
            }
        };

        abstract boolean reachedBy(InstanceRecord record);
    }

    private record Waiter(String instanceId, Until until, boolean withPayloads,
                          ServerCallStreamObserver<GetInstanceResponse> observer, AtomicBoolean answered) {
    }

    private final ConcurrentHashMap<String, Set<Waiter>> waiters = new ConcurrentHashMap<>();
    private final Function<String, Optional<InstanceRecord>> lookup;

    InstanceWaiters(Function<String, Optional<InstanceRecord>> lookup) {
        this.lookup = lookup;
    }

    void await(String instanceId, Until until, boolean withPayloads, ServerCallStreamObserver<GetInstanceResponse> observer) {
        Waiter waiter = new Waiter(instanceId, until, withPayloads, observer, new AtomicBoolean());
        observer.setOnCancelHandler(() -> forget(waiter));
        waiters.compute(instanceId, (id, set) -> {
            Set<Waiter> forInstance = set == null ? ConcurrentHashMap.newKeySet() : set;
            forInstance.add(waiter);
            return forInstance;
        });
        // Checked after registering, so a change between the two is not missed.
        check(waiter);
    }

    /** Re-checks everyone waiting on these instances. */
    void instancesChanged(Collection<String> instanceIds) {
        for (String instanceId : instanceIds) {
            Set<Waiter> forInstance = waiters.get(instanceId);
            if (forInstance != null) {
                List.copyOf(forInstance).forEach(this::check);
            }
        }
    }

    private void check(Waiter waiter) {
        Optional<InstanceRecord> record = lookup.apply(waiter.instanceId());
        if (record.isPresent() && waiter.until().reachedBy(record.get()) && waiter.answered().compareAndSet(false, true)) {
            forget(waiter);
            try {
                waiter.observer().onNext(InstanceQueries.response(record, waiter.withPayloads()));
                waiter.observer().onCompleted();
            } catch (RuntimeException clientGone) {
                // Cancelled between the check and the answer: nobody is listening any more.
            }
        }
    }

    private void forget(Waiter waiter) {
        waiters.computeIfPresent(waiter.instanceId(), (id, set) -> {
            set.remove(waiter);
            return set.isEmpty() ? null : set;
        });
    }

    /** Answers every open wait with UNAVAILABLE. */
    @Override
    public void close() {
        waiters.values().stream().flatMap(Set::stream).toList().forEach(waiter -> {
            forget(waiter);
            if (waiter.answered().compareAndSet(false, true)) {
                try {
                    waiter.observer().onError(Status.UNAVAILABLE.withDescription("the Durable backend is closing")
                            .asRuntimeException());
                } catch (RuntimeException clientGone) {
                    // Nothing to tell.
                }
            }
        });
    }
}
