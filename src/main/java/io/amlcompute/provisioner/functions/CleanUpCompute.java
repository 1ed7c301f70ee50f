package io.amlcompute.provisioner.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.durabletask.azurefunctions.DurableActivityTrigger;
import io.amlcompute.provisioner.provisioning.ActionResult;
import io.amlcompute.provisioner.provisioning.CleanUp;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Activity: a lease's expiry action, or the removal a cancel asks for: a {@link CleanUp} as JSON in, an
 * {@code ActionResult} as plain values out ({@link ActivityJson}). Safe to repeat: it starts from a fresh read.
 */
public final class CleanUpCompute {

    public static final String NAME = "CleanUpCompute";

    private final Supplier<ProvisionerApp> app;

    public CleanUpCompute() {
        this(ProvisionerApp::instance);
    }

    CleanUpCompute(Supplier<ProvisionerApp> app) {
        this.app = app;
    }

    @FunctionName(NAME)
    public Map<String, Object> run(@DurableActivityTrigger(name = "cleanUp") String cleanUpJson,
                                   ExecutionContext context) {
        CleanUp cleanUp = ActivityJson.read(cleanUpJson, CleanUp.class);
        ActionResult result = app.get().actions().cleanUp(cleanUp);
        RequestLog.info(context.getLogger(), "compute.cleanup", cleanUp.creatorRequestId(), cleanUp.correlationId(),
                Map.of("kind", cleanUp.kind().name(), "compute", cleanUp.computeName(),
                        "result", result.getClass().getSimpleName()));
        return ActivityJson.result(result);
    }
}
