package io.amlcompute.provisioner.local.durable;

import com.google.protobuf.StringValue;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.GetInstanceResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.InstanceQuery;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationState;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationStatus;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.PurgeInstanceFilter;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.QueryInstancesResponse;
import io.amlcompute.provisioner.local.durable.InstanceStore.InstanceFilter;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What clients read and clean up: instance state, paged queries, purge. Inputs, outputs, custom status and failure
 * details are included only when asked for, like the Durable extension's gRPC listener.
 */
final class InstanceQueries {

    /** Purge works in pages so a large hub is not loaded at once. */
    private static final int PURGE_PAGE = 500;

    private final HubDatabase database;
    private final InstanceStore instances;
    private final WorkQueue queue;
    private final String taskHubName;

    InstanceQueries(HubDatabase database, InstanceStore instances, WorkQueue queue, String taskHubName) {
        this.database = database;
        this.instances = instances;
        this.queue = queue;
        this.taskHubName = taskHubName;
    }

    Optional<InstanceRecord> find(String instanceId) {
        return instances.find(instanceId);
    }

    /** An unknown id answers {@code exists = false}, never an error. */
    static GetInstanceResponse response(Optional<InstanceRecord> record, boolean withPayloads) {
        return record.map(r -> GetInstanceResponse.newBuilder().setExists(true).setOrchestrationState(state(r, withPayloads)).build())
                .orElseGet(() -> GetInstanceResponse.newBuilder().setExists(false).build());
    }

    static OrchestrationState state(InstanceRecord record, boolean withPayloads) {
        OrchestrationState.Builder state = OrchestrationState.newBuilder()
                .setInstanceId(record.instanceId())
                .setName(record.name())
                .setOrchestrationStatus(record.status())
                .setCreatedTimestamp(HistoryEvents.timestamp(record.createdAt()))
                .setLastUpdatedTimestamp(HistoryEvents.timestamp(record.lastUpdatedAt()));
        if (record.version() != null) {
            state.setVersion(StringValue.of(record.version()));
        }
        if (withPayloads) {
            if (record.input() != null) {
                state.setInput(StringValue.of(record.input()));
            }
            if (record.output() != null) {
                state.setOutput(StringValue.of(record.output()));
            }
            if (record.customStatus() != null) {
                state.setCustomStatus(StringValue.of(record.customStatus()));
            }
            if (record.failure() != null) {
                state.setFailureDetails(record.failure());
            }
        }
        return state.build();
    }

    /**
     * One page of instances in id order; the continuation token is the last id of a full page. A query naming
     * task hubs that do not include this one matches nothing.
     */
    QueryInstancesResponse query(InstanceQuery query) {
        QueryInstancesResponse.Builder response = QueryInstancesResponse.newBuilder();
        if (query.getTaskHubNamesCount() > 0 && query.getTaskHubNamesList().stream()
                .noneMatch(name -> name.getValue().equalsIgnoreCase(taskHubName))) {
            return response.build();
        }
        InstanceFilter filter = new InstanceFilter(
                statuses(query.getRuntimeStatusList()),
                query.hasCreatedTimeFrom() ? HistoryEvents.instant(query.getCreatedTimeFrom()) : null,
                query.hasCreatedTimeTo() ? HistoryEvents.instant(query.getCreatedTimeTo()) : null,
                query.hasInstanceIdPrefix() ? query.getInstanceIdPrefix().getValue() : null);
        String after = query.hasContinuationToken() && !query.getContinuationToken().getValue().isEmpty()
                ? query.getContinuationToken().getValue() : null;
        int pageSize = query.getMaxInstanceCount() > 0 ? query.getMaxInstanceCount() : Integer.MAX_VALUE;
        List<InstanceRecord> page = instances.list(filter, after, pageSize);
        page.forEach(record -> response.addOrchestrationState(state(record, query.getFetchInputsAndOutputs())));
        if (page.size() == pageSize) {
            response.setContinuationToken(StringValue.of(page.get(page.size() - 1).instanceId()));
        }
        return response.build();
    }

    /** Purges one instance with its history and pending work; only a finished instance can be purged. */
    int purge(String instanceId) {
        return database.inTransaction(c -> {
            Optional<InstanceRecord> record = instances.find(instanceId);
            if (record.isEmpty() || !record.get().isFinal()) {
                return 0;
            }
            queue.clear(instanceId, null);
            return instances.delete(List.of(instanceId));
        });
    }

    /** Purges the finished instances the filter selects; statuses outside Completed/Failed/Terminated/Canceled are ignored. */
    int purge(PurgeInstanceFilter request) {
        Set<OrchestrationStatus> requested = statuses(request.getRuntimeStatusList());
        Set<OrchestrationStatus> statuses = EnumSet.copyOf(InstanceRecord.FINAL_STATUSES);
        if (requested != null) {
            statuses.retainAll(requested);
        }
        if (statuses.isEmpty()) {
            return 0;
        }
        InstanceFilter filter = new InstanceFilter(statuses,
                request.hasCreatedTimeFrom() ? HistoryEvents.instant(request.getCreatedTimeFrom()) : null,
                request.hasCreatedTimeTo() ? HistoryEvents.instant(request.getCreatedTimeTo()) : null,
                null);
        return database.inTransaction(c -> {
            int purged = 0;
            List<InstanceRecord> page;
            do {
                page = instances.list(filter, null, PURGE_PAGE);
                List<String> ids = page.stream().map(InstanceRecord::instanceId).toList();
                ids.forEach(id -> queue.clear(id, null));
                purged += instances.delete(ids);
            } while (page.size() == PURGE_PAGE);
            return purged;
        });
    }

    /** CreateTaskHub(recreate) and DeleteTaskHub: every instance, history and pending item goes. */
    void deleteEverything() {
        database.inTransaction(c -> {
            queue.deleteEverything();
            instances.deleteEverything();
            return null;
        });
    }

    /** Null when the list is empty (no filter); a mutable copy otherwise. */
    private static Set<OrchestrationStatus> statuses(List<OrchestrationStatus> requested) {
        if (requested.isEmpty()) {
            return null;
        }
        Set<OrchestrationStatus> statuses = EnumSet.noneOf(OrchestrationStatus.class);
        requested.stream().filter(s -> s != OrchestrationStatus.UNRECOGNIZED).forEach(statuses::add);
        return statuses;
    }
}
