package io.amlcompute.provisioner.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.durabletask.azurefunctions.DurableActivityTrigger;
import io.amlcompute.provisioner.provisioning.StatusQuery;
import io.amlcompute.provisioner.provisioning.StatusRead;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Activity: one status read of the monitor loop: a {@link StatusQuery} (the compute's address, not the request) as
 * JSON in, a {@code StatusRead} as plain values out ({@link ActivityJson}).
 */
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
    public Map<String, Object> run(@DurableActivityTrigger(name = "query") String queryJson,
                                   ExecutionContext context) {
        StatusRead read = app.get().actions().readStatus(ActivityJson.read(queryJson, StatusQuery.class));
        return ActivityJson.result(read);
    }
}
