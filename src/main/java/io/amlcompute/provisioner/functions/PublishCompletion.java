package io.amlcompute.provisioner.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.durabletask.azurefunctions.DurableActivityTrigger;
import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.contract.event.ComputeEvent;
import io.amlcompute.provisioner.provisioning.ReplyAddress;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Activity: publishes the terminal event ({@link Input}'s JSON text in, the event id out). A failure throws, and
 * the orchestrator's retry policy repeats it;
 * the event id is deterministic, so a publish that succeeded but was reported as failed is dropped by Service
 * Bus duplicate detection when repeated.
 */
public final class PublishCompletion {

    public static final String NAME = "PublishCompletion";

    private final Supplier<ProvisionerApp> app;

    public PublishCompletion() {
        this(ProvisionerApp::instance);
    }

    PublishCompletion(Supplier<ProvisionerApp> app) {
        this.app = app;
    }

    @FunctionName(NAME)
    public String run(@DurableActivityTrigger(name = "input") String inputJson, ExecutionContext context) {
        Input input = ActivityJson.read(inputJson, Input.class);
        ComputeEvent event = ActivityJson.read(input.event(), ComputeEvent.class);
        ReplyAddress reply = input.replyQueue() == null ? null : new ReplyAddress(input.replyQueue(),
                input.replySessionId());
        app.get().publisher().publish(event, reply);
        if (input.observedKey() != null && input.observedMillis() != null) {
            app.get().durations().record(input.observedKey(), Duration.ofMillis(input.observedMillis()));
        }
        RequestLog.info(context.getLogger(), "request.completed", event.data().requestId(),
                event.data().correlationId(), Map.of("eventType", event.type().wireName(), "eventId", event.id(),
                        "reply", reply == null ? "none" : reply.queue()));
        return event.id();
    }

    /**
     * The activity's input: the event JSON, where a reply goes (null when none), and what the duration model can
     * learn from this request (null when nothing).
     */
    record Input(JsonNode event, String replyQueue, String replySessionId, String observedKey, Long observedMillis) {
    }
}
