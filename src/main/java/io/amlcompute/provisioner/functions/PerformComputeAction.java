package io.amlcompute.provisioner.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.durabletask.azurefunctions.DurableActivityTrigger;
import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.provisioning.ActionResult;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Activity: performs the request's action through ARM (see {@code ComputeActions}) and says what happened. Its
 * input is the canonical request's JSON text, its result an {@code ActionResult} as plain values ({@link ActivityJson}).
 */
public final class PerformComputeAction {

    public static final String NAME = "PerformComputeAction";

    private final Supplier<ProvisionerApp> app;

    public PerformComputeAction() {
        this(ProvisionerApp::instance);
    }

    PerformComputeAction(Supplier<ProvisionerApp> app) {
        this.app = app;
    }

    @FunctionName(NAME)
    public Map<String, Object> run(@DurableActivityTrigger(name = "request") String requestJson,
                                   ExecutionContext context) {
        ComputeRequest request = ActivityJson.request(requestJson);
        ActionResult result = app.get().actions().perform(request);
        if (result instanceof ActionResult.Done done) {
            // Looked up here, not in the orchestrator: the answer is recorded in history, so replays agree.
            result = done.withExpected(app.get().durations().expected(request));
        }
        RequestLog.info(context.getLogger(), "compute.action", request.requestId(), request.correlationId(),
                Map.of("action", request.action().wireName(), "compute", request.computeName(),
                        "result", result.getClass().getSimpleName()));
        return ActivityJson.result(result);
    }
}
