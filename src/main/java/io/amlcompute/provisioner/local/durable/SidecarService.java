package io.amlcompute.provisioner.local.durable;

import com.google.protobuf.Empty;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ActivityResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.CompleteTaskResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.CreateInstanceRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.CreateInstanceResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.CreateTaskHubRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.CreateTaskHubResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.DeleteTaskHubRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.DeleteTaskHubResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.GetInstanceRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.GetInstanceResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.GetWorkItemsRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.PurgeInstancesRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.PurgeInstancesResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.QueryInstancesRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.QueryInstancesResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.RaiseEventRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.RaiseEventResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ResumeRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ResumeResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.RewindInstanceRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.RewindInstanceResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.SuspendRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.SuspendResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TerminateRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TerminateResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.WorkItem;
import com.microsoft.durabletask.implementation.protobuf.TaskHubSidecarServiceGrpc.TaskHubSidecarServiceImplBase;
import io.amlcompute.provisioner.local.durable.InstanceTransitions.CommandOutcome;
import io.amlcompute.provisioner.local.durable.InstanceTransitions.StartOutcome;
import io.amlcompute.provisioner.local.durable.InstanceWaiters.Until;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.function.Supplier;

/**
 * The {@code TaskHubSidecarService} gRPC surface that durabletask-java 1.4.0's worker and client call: translates
 * each call into the backend's transitions, queries, waits and dispatch, and their outcomes into gRPC statuses.
 * Status codes follow the Durable extension: ALREADY_EXISTS for a duplicate start, NOT_FOUND for an unknown
 * instance, UNIMPLEMENTED for rewind.
 */
final class SidecarService extends TaskHubSidecarServiceImplBase {

    private static final System.Logger LOG = System.getLogger(SidecarService.class.getName());

    private final InstanceTransitions transitions;
    private final InstanceQueries queries;
    private final InstanceWaiters waiters;
    private final WorkItemDispatcher dispatcher;

    SidecarService(InstanceTransitions transitions, InstanceQueries queries, InstanceWaiters waiters,
                   WorkItemDispatcher dispatcher) {
        this.transitions = transitions;
        this.queries = queries;
        this.waiters = waiters;
        this.dispatcher = dispatcher;
    }

    @Override
    public void hello(Empty request, StreamObserver<Empty> observer) {
        answer(observer, Empty::getDefaultInstance);
    }

    @Override
    public void startInstance(CreateInstanceRequest request, StreamObserver<CreateInstanceResponse> observer) {
        answer(observer, () -> {
            require(!request.getInstanceId().isBlank(), "instanceId must not be empty");
            require(!request.getName().isBlank(), "the orchestrator name must not be empty");
            StartOutcome outcome = transitions.start(request.getInstanceId(), request.getName(),
                    HistoryEvents.text(request.hasVersion(), request.getVersion()),
                    HistoryEvents.text(request.hasInput(), request.getInput()),
                    request.hasScheduledStartTimestamp() ? HistoryEvents.instant(request.getScheduledStartTimestamp()) : null);
            if (outcome == StartOutcome.ALREADY_EXISTS) {
                throw Status.ALREADY_EXISTS.withDescription("An Orchestration instance with the ID "
                        + request.getInstanceId() + " already exists.").asRuntimeException();
            }
            changed(request.getInstanceId());
            return CreateInstanceResponse.newBuilder().setInstanceId(request.getInstanceId()).build();
        });
    }

    @Override
    public void getInstance(GetInstanceRequest request, StreamObserver<GetInstanceResponse> observer) {
        answer(observer, () -> InstanceQueries.response(queries.find(request.getInstanceId()),
                request.getGetInputsAndOutputs()));
    }

    @Override
    public void rewindInstance(RewindInstanceRequest request, StreamObserver<RewindInstanceResponse> observer) {
        observer.onError(Status.UNIMPLEMENTED.withDescription("rewind is not supported by the local Durable backend")
                .asRuntimeException());
    }

    @Override
    public void waitForInstanceStart(GetInstanceRequest request, StreamObserver<GetInstanceResponse> observer) {
        waiters.await(request.getInstanceId(), Until.STARTED, request.getGetInputsAndOutputs(),
                (ServerCallStreamObserver<GetInstanceResponse>) observer);
    }

    @Override
    public void waitForInstanceCompletion(GetInstanceRequest request, StreamObserver<GetInstanceResponse> observer) {
        waiters.await(request.getInstanceId(), Until.FINISHED, request.getGetInputsAndOutputs(),
                (ServerCallStreamObserver<GetInstanceResponse>) observer);
    }

    /**
     * As the Durable extension's client with the Azure Storage provider (CheckStatusBeforeRaiseEvent true): an
     * unknown instance is a silent no-op, a finished one an InvalidOperationException, which the extension's
     * Grpc.Core server answers UNKNOWN "Exception was thrown by handler." (azure-functions-durable-extension
     * v2.13.7, DurableClient.RaiseEventInternalAsync, AzureStorageDurabilityProvider.CheckStatusBeforeRaiseEvent,
     * LocalGrpcListener.RaiseEvent).
     */
    @Override
    public void raiseEvent(RaiseEventRequest request, StreamObserver<RaiseEventResponse> observer) {
        answer(observer, () -> {
            CommandOutcome outcome = transitions.raise(request.getInstanceId(), request.getName(),
                    HistoryEvents.text(request.hasInput(), request.getInput()));
            if (outcome == CommandOutcome.ALREADY_FINAL) {
                throw Status.UNKNOWN.withDescription("Exception was thrown by handler.").asRuntimeException();
            }
            if (outcome == CommandOutcome.APPLIED) {
                changed(request.getInstanceId());
            }
            return RaiseEventResponse.getDefaultInstance();
        });
    }

    @Override
    public void terminateInstance(TerminateRequest request, StreamObserver<TerminateResponse> observer) {
        answer(observer, () -> {
            applied(request.getInstanceId(), transitions.terminate(request.getInstanceId(),
                    HistoryEvents.text(request.hasOutput(), request.getOutput())));
            return TerminateResponse.getDefaultInstance();
        });
    }

    @Override
    public void suspendInstance(SuspendRequest request, StreamObserver<SuspendResponse> observer) {
        answer(observer, () -> {
            applied(request.getInstanceId(), transitions.suspend(request.getInstanceId()));
            return SuspendResponse.getDefaultInstance();
        });
    }

    @Override
    public void resumeInstance(ResumeRequest request, StreamObserver<ResumeResponse> observer) {
        answer(observer, () -> {
            applied(request.getInstanceId(), transitions.resume(request.getInstanceId()));
            return ResumeResponse.getDefaultInstance();
        });
    }

    @Override
    public void queryInstances(QueryInstancesRequest request, StreamObserver<QueryInstancesResponse> observer) {
        answer(observer, () -> queries.query(request.getQuery()));
    }

    @Override
    public void purgeInstances(PurgeInstancesRequest request, StreamObserver<PurgeInstancesResponse> observer) {
        answer(observer, () -> {
            int purged = switch (request.getRequestCase()) {
                case INSTANCEID -> queries.purge(request.getInstanceId());
                case PURGEINSTANCEFILTER -> queries.purge(request.getPurgeInstanceFilter());
                case REQUEST_NOT_SET -> throw Status.INVALID_ARGUMENT
                        .withDescription("purge needs an instance id or a filter").asRuntimeException();
            };
            return PurgeInstancesResponse.newBuilder().setDeletedInstanceCount(purged).build();
        });
    }

    @Override
    public void getWorkItems(GetWorkItemsRequest request, StreamObserver<WorkItem> observer) {
        dispatcher.connect((ServerCallStreamObserver<WorkItem>) observer, CallerConnection.current());
    }

    /**
     * Always answered with success: the 1.4.0 worker reacts to a failed completion by abandoning its stream. An
     * item whose result could not be committed stays queued and is delivered again.
     */
    @Override
    public void completeActivityTask(ActivityResponse response, StreamObserver<CompleteTaskResponse> observer) {
        completion(observer, () -> dispatcher.completeActivity(response, CallerConnection.current()));
    }

    @Override
    public void completeOrchestratorTask(OrchestratorResponse response, StreamObserver<CompleteTaskResponse> observer) {
        completion(observer, () -> dispatcher.completeTurn(response, CallerConnection.current()));
    }

    @Override
    public void createTaskHub(CreateTaskHubRequest request, StreamObserver<CreateTaskHubResponse> observer) {
        answer(observer, () -> {
            if (request.getRecreateIfExists()) {
                queries.deleteEverything();
            }
            return CreateTaskHubResponse.getDefaultInstance();
        });
    }

    @Override
    public void deleteTaskHub(DeleteTaskHubRequest request, StreamObserver<DeleteTaskHubResponse> observer) {
        answer(observer, () -> {
            queries.deleteEverything();
            return DeleteTaskHubResponse.getDefaultInstance();
        });
    }

    private void applied(String instanceId, CommandOutcome outcome) {
        if (outcome == CommandOutcome.NOT_FOUND) {
            throw Status.NOT_FOUND.withDescription("No orchestration instance with the ID " + instanceId
                    + " was found.").asRuntimeException();
        }
        if (outcome == CommandOutcome.APPLIED) {
            changed(instanceId);
        }
    }

    private void changed(String instanceId) {
        waiters.instancesChanged(List.of(instanceId));
        dispatcher.pump();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
        }
    }

    private static <T> void answer(StreamObserver<T> observer, Supplier<T> call) {
        T response;
        try {
            response = call.get();
        } catch (StatusRuntimeException e) {
            observer.onError(e);
            return;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Durable backend call failed", e);
            observer.onError(Status.INTERNAL.withDescription(e.getMessage()).withCause(e).asRuntimeException());
            return;
        }
        observer.onNext(response);
        observer.onCompleted();
    }

    private static void completion(StreamObserver<CompleteTaskResponse> observer, Runnable commit) {
        try {
            commit.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a work item result could not be committed; the item will be delivered again", e);
        }
        observer.onNext(CompleteTaskResponse.getDefaultInstance());
        observer.onCompleted();
    }
}
