package io.amlcompute.provisioner.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.durabletask.azurefunctions.DurableActivityTrigger;
import io.amlcompute.provisioner.contract.ComputeOperation;
import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.DeleteCompute;
import io.amlcompute.provisioner.contract.DetachCompute;
import io.amlcompute.provisioner.contract.OnExisting;
import io.amlcompute.provisioner.contract.OnFailedLeftover;
import io.amlcompute.provisioner.contract.RequestOptions;
import io.amlcompute.provisioner.provisioning.ActionResult;
import io.amlcompute.provisioner.provisioning.CleanUp;

import java.time.Duration;
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
        if (result instanceof ActionResult.Done done && done.status() != null) {
            // How long a removal takes here, so the wait for it plans its reads as a delete request's would.
            result = done.withExpected(app.get().durations().expected(removalOf(cleanUp)));
        }
        RequestLog.info(context.getLogger(), "compute.cleanup", cleanUp.creatorRequestId(), cleanUp.correlationId(),
                Map.of("kind", cleanUp.kind().name(), "compute", cleanUp.computeName(),
                        "result", result.getClass().getSimpleName()));
        return ActivityJson.result(result);
    }

    /** The delete (or detach) request whose durations a clean-up's removal shares. */
    private static ComputeRequest removalOf(CleanUp cleanUp) {
        ComputeOperation removal = cleanUp.kind() == CleanUp.Kind.DETACH
                ? new DetachCompute(cleanUp.computeName(), null) : new DeleteCompute(cleanUp.computeName());
        return new ComputeRequest(cleanUp.creatorRequestId(), cleanUp.correlationId(), cleanUp.workspace(), removal,
                new RequestOptions(Duration.ofMinutes(30), 0, OnExisting.REUSE, OnFailedLeftover.FAIL));
    }
}
