package io.amlcompute.provisioner.functions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.durabletask.DurableTaskClient;
import com.microsoft.durabletask.NewOrchestrationInstanceOptions;
import com.microsoft.durabletask.OrchestrationMetadata;
import com.microsoft.durabletask.OrchestrationRuntimeStatus;
import com.microsoft.durabletask.azurefunctions.DurableClientContext;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.contract.event.ComputeEvent;
import io.amlcompute.provisioner.provisioning.OrchestrationStarter;
import io.amlcompute.provisioner.provisioning.ProvisioningInput;
import io.amlcompute.provisioner.provisioning.Signal;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import java.time.Duration;
import java.util.Locale;

/**
 * Starts the provisioning orchestration through the Durable client of one function invocation, at most once
 * per instance id, and hands running ones their control requests. In Durable Functions for Java 1.4.0 scheduling an id that is Running or Pending fails with
 * ALREADY_EXISTS, but an id that is Completed, Failed or Terminated is silently replaced by a new run; so the
 * instance is looked up first, and ALREADY_EXISTS still counts as a duplicate for the race between the two.
 *
 * <p>The client is taken lazily (an invalid request never opens a gRPC channel) and closed with this starter:
 * {@code DurableClientContext.getClient()} opens a new channel on every call.
 */
final class DurableOrchestrationStarter implements OrchestrationStarter, AutoCloseable {

    /** How long the trigger waits for the orchestration's answer before the message goes back to the queue. */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration FIRST_READ = Duration.ofMillis(100);
    private static final Duration MAX_READ_INTERVAL = Duration.ofSeconds(2);

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

    /**
     * Raises the signal unless the orchestration has answered it already, then reads the instance until its progress
     * lists the signal as answered, or it has ended without answering: an event raised to an instance that completes
     * before its next turn is dropped (DTFx discards messages for a finished instance), so only the answer proves
     * delivery.
     */
    @Override
    public Delivery signal(String instanceId, Signal signal) {
        DurableTaskClient durable = client();
        OrchestrationMetadata instance = durable.getInstanceMetadata(instanceId, true);
        if (!instance.isInstanceFound()) {
            return new Delivery.Unknown();
        }
        if (answered(instance, signal)) {
            return new Delivery.Answered();
        }
        if (instance.isCompleted()) {
            return ended(instance);
        }
        try {
            durable.raiseEvent(instanceId, Signal.EVENT, Json.MAPPER.valueToTree(signal));
        } catch (StatusRuntimeException e) {
            // The extension refuses an event for an instance that finished since it was read (UNKNOWN): say how.
            OrchestrationMetadata now = durable.getInstanceMetadata(instanceId, true);
            if (now.isInstanceFound() && now.isCompleted()) {
                return answered(now, signal) ? new Delivery.Answered() : ended(now);
            }
            throw e;
        }
        long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
        Duration pause = FIRST_READ;
        while (System.nanoTime() < deadline) {
            sleep(pause);
            pause = pause.multipliedBy(2).compareTo(MAX_READ_INTERVAL) > 0 ? MAX_READ_INTERVAL : pause.multipliedBy(2);
            instance = durable.getInstanceMetadata(instanceId, true);
            if (answered(instance, signal)) {
                return new Delivery.Answered();
            }
            if (instance.isCompleted()) {
                return ended(instance);
            }
        }
        throw new IllegalStateException("request " + instanceId + " did not answer control request "
                + signal.requestId() + " within " + ANSWER_TIMEOUT + "; the message is delivered again");
    }

    private static boolean answered(OrchestrationMetadata instance, Signal signal) {
        if (!instance.isCustomStatusFetched()) {
            return false;
        }
        try {
            JsonNode progress = instance.readCustomStatusAs(JsonNode.class);
            for (JsonNode id : progress.path("answered")) {
                if (signal.requestId().equals(id.asText())) {
                    return true;
                }
            }
            return false;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** How it ended: its terminal event when it completed with one, else its runtime status. */
    private static Delivery ended(OrchestrationMetadata instance) {
        if (instance.getRuntimeStatus() == OrchestrationRuntimeStatus.COMPLETED) {
            try {
                return Delivery.Ended.with(Json.MAPPER.readValue(instance.getSerializedOutput(), ComputeEvent.class));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                // an output this build does not read: say what is known
            }
        }
        return new Delivery.Ended("Request " + instance.getInstanceId() + " already ended: its orchestration is "
                + instance.getRuntimeStatus().name().toLowerCase(Locale.ROOT) + ".");
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an answer", e);
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
