package io.amlcompute.provisioner.functions;

import com.microsoft.durabletask.DurableTaskClient;
import com.microsoft.durabletask.NewOrchestrationInstanceOptions;
import com.microsoft.durabletask.azurefunctions.DurableClientContext;
import io.amlcompute.provisioner.provisioning.OrchestrationStarter;
import io.amlcompute.provisioner.provisioning.ProvisioningInput;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * Starts the provisioning orchestration through the Durable client of one function invocation, at most once
 * per instance id. In Durable Functions for Java 1.4.0 scheduling an id that is Running or Pending fails with
 * ALREADY_EXISTS, but an id that is Completed, Failed or Terminated is silently replaced by a new run; so the
 * instance is looked up first, and ALREADY_EXISTS still counts as a duplicate for the race between the two.
 *
 * <p>The client is taken lazily (an invalid request never opens a gRPC channel) and closed with this starter:
 * {@code DurableClientContext.getClient()} opens a new channel on every call.
 */
final class DurableOrchestrationStarter implements OrchestrationStarter, AutoCloseable {

    private final DurableClientContext context;
    private DurableTaskClient client;

    DurableOrchestrationStarter(DurableClientContext context) {
        this.context = context;
    }

    @Override
    public boolean startIfAbsent(String instanceId, ProvisioningInput input) {
        DurableTaskClient durable = client();
        if (durable.getInstanceMetadata(instanceId, false).isInstanceFound()) {
            return false;
        }
        try {
            durable.scheduleNewOrchestrationInstance(ProvisionComputeOrchestrator.NAME,
                    new NewOrchestrationInstanceOptions().setInstanceId(instanceId).setInput(input));
            return true;
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.ALREADY_EXISTS) {
                return false;
            }
            throw e;
        }
    }

    private DurableTaskClient client() {
        if (client == null) {
            client = context.getClient();
        }
        return client;
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
