package io.amlcompute.provisioner.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.durabletask.TaskOrchestrationContext;
import com.microsoft.durabletask.azurefunctions.DurableOrchestrationTrigger;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.contract.event.ComputeEvent;
import io.amlcompute.provisioner.provisioning.PollingPolicy;
import io.amlcompute.provisioner.provisioning.ProvisioningInput;
import io.amlcompute.provisioner.provisioning.ProvisioningProcess;

/**
 * The orchestration of one request: {@link ProvisioningProcess} run on durable timers and activities. Its
 * output is the published event as a JSON object, which the status API returns once the request is done.
 */
public final class ProvisionComputeOrchestrator {

    public static final String NAME = "ProvisionCompute";

    /** Stateless and deterministic, so one instance serves every replay. */
    private static final ProvisioningProcess PROCESS = new ProvisioningProcess(PollingPolicy.standard());

    @FunctionName(NAME)
    public JsonNode run(@DurableOrchestrationTrigger(name = "ctx") TaskOrchestrationContext ctx) {
        ProvisioningInput input = ctx.getInput(ProvisioningInput.class);
        ComputeEvent event = PROCESS.run(input, new OrchestrationSteps(ctx), ctx.getInstanceId().hashCode());
        // A JSON tree, so the output is the event's JSON (Durable's own Jackson would write Instants as numbers).
        return Json.MAPPER.valueToTree(event);
    }
}
