package io.amlcompute.provisioner.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.durabletask.azurefunctions.DurableActivityTrigger;
import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.provisioning.ActionResult;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
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
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("action", request.action().wireName());
        fields.put("compute", request.computeName());
        fields.put("result", result.getClass().getSimpleName());
        preflightCodes(result).ifPresent(codes -> fields.put("preflight", codes));
        RequestLog.info(context.getLogger(), "compute.action", request.requestId(), request.correlationId(), fields);
        return ActivityJson.result(result);
    }

    /** The pre-flight's codes in the result: a refusal's or failure's errors, or the warnings of a write. */
    private static Optional<String> preflightCodes(ActionResult result) {
        List<ComputeStatus.ErrorInfo> entries = result instanceof ActionResult.Done done ? done.warnings()
                : result instanceof ActionResult.Failed failed ? failed.errors() : List.of();
        String codes = entries.stream().map(ComputeStatus.ErrorInfo::code).filter(c -> c.startsWith("PREFLIGHT_"))
                .distinct().collect(Collectors.joining(","));
        return codes.isEmpty() ? Optional.empty() : Optional.of(codes);
    }
}
