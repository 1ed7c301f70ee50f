package io.amlcompute.provisioner.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.durabletask.DurableTaskClient;
import com.microsoft.durabletask.OrchestrationMetadata;
import com.microsoft.durabletask.OrchestrationRuntimeStatus;
import com.microsoft.durabletask.OrchestrationStatusQuery;
import com.microsoft.durabletask.OrchestrationStatusQueryResult;
import com.microsoft.durabletask.azurefunctions.DurableActivityTrigger;
import com.microsoft.durabletask.azurefunctions.DurableClientContext;
import com.microsoft.durabletask.azurefunctions.DurableClientInput;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.provisioning.LeaseHolder;
import io.amlcompute.provisioner.provisioning.Progress;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Activity: the other live leases on a compute. The leases are recorded where they live, in the progress of the
 * requests that hold them (the orchestrations' custom status), so this reads the running provisioning instances
 * page by page and keeps those whose lease holds the compute ({@link LeaseHolder#of}). No second store can drift
 * from the orchestrations (ADR 0012).
 */
public final class FindLeaseHolders {

    public static final String NAME = "FindLeaseHolders";
    static final int PAGE_SIZE = 100;

    @FunctionName(NAME)
    public Map<String, Object> run(@DurableActivityTrigger(name = "query") String queryJson,
                                   @DurableClientInput(name = "durableContext") DurableClientContext durableContext,
                                   ExecutionContext context) {
        Query query = ActivityJson.read(queryJson, Query.class);
        try (DurableTaskClient client = durableContext.getClient()) {
            return ActivityJson.result(new Holders(holders(client, query)));
        }
    }

    static List<LeaseHolder> holders(DurableTaskClient client, Query query) {
        List<LeaseHolder> holders = new ArrayList<>();
        String continuation = null;
        do {
            // With inputs and outputs: durabletask-java 1.4.0 reads a custom status only from metadata fetched so
            // (OrchestrationMetadata.readPayloadAs).
            OrchestrationStatusQueryResult page = client.queryInstances(new OrchestrationStatusQuery()
                    .setRuntimeStatusList(List.of(OrchestrationRuntimeStatus.RUNNING))
                    .setFetchInputsAndOutputs(true)
                    .setMaxInstanceCount(PAGE_SIZE)
                    .setContinuationToken(continuation));
            for (OrchestrationMetadata instance : page.getOrchestrationState()) {
                if (ProvisionComputeOrchestrator.NAME.equals(instance.getName())) {
                    progressOf(instance).flatMap(progress -> LeaseHolder.of(progress, query.compute(), query.leaseId()))
                            .ifPresent(holders::add);
                }
            }
            continuation = page.getOrchestrationState().size() < PAGE_SIZE ? null : page.getContinuationToken();
        } while (continuation != null && !continuation.isEmpty());
        return holders;
    }

    private static Optional<Progress> progressOf(OrchestrationMetadata instance) {
        if (!instance.isCustomStatusFetched()) {
            return Optional.empty();
        }
        try {
            JsonNode tree = instance.readCustomStatusAs(JsonNode.class);
            return tree.isObject() ? Optional.of(Json.MAPPER.treeToValue(tree, Progress.class)) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty(); // not a progress this build writes: holds nothing it can tell
        }
    }

    /** Whose leases to look for: on {@code compute} (ARM id), other than {@code leaseId}. */
    record Query(String compute, String leaseId) {
    }

    /** The answer, an object as activities answer. */
    record Holders(List<LeaseHolder> holders) {
    }
}
