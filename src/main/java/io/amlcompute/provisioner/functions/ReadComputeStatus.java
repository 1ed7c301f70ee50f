package io.amlcompute.provisioner.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.durabletask.azurefunctions.DurableActivityTrigger;
import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.provisioning.StatusRead;

import java.util.Map;
import java.util.function.Supplier;

/** Activity: one status read of the monitor loop; JSON in and plain values out, as {@link ActivityJson} says. */
public final class ReadComputeStatus {

    public static final String NAME = "ReadComputeStatus";

    private final Supplier<ProvisionerApp> app;

    public ReadComputeStatus() {
        this(ProvisionerApp::instance);
    }

    ReadComputeStatus(Supplier<ProvisionerApp> app) {
        this.app = app;
    }

    @FunctionName(NAME)
    public Map<String, Object> run(@DurableActivityTrigger(name = "request") String requestJson,
                                   ExecutionContext context) {
        ComputeRequest request = ActivityJson.request(requestJson);
        StatusRead read = app.get().actions().readStatus(request);
        return ActivityJson.result(read);
    }
}
