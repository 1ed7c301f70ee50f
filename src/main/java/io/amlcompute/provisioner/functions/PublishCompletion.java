package io.amlcompute.provisioner.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.durabletask.azurefunctions.DurableActivityTrigger;
import io.amlcompute.provisioner.contract.event.ComputeEvent;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Activity: publishes the terminal event to the events topic ({@link Input}'s JSON text in, the event id out). A
 * failure throws, and the orchestrator's retry policy repeats it; the event id is deterministic, so a publish that
 * succeeded but was reported as failed is dropped by the topic's duplicate detection when repeated (its window
 * outlasts the retries). The reply, when one was asked for, is a step of its own ({@link PublishReply}), so a
 * broken reply queue never makes the topic's event go out twice.
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
        app.get().publisher().publishToTopic(event);
        if (input.observedKey() != null && input.observedMillis() != null) {
            app.get().durations().record(input.observedKey(), Duration.ofMillis(input.observedMillis()));
        }
        RequestLog.info(context.getLogger(), "request.completed", event.data().requestId(),
                event.data().correlationId(), Map.of("eventType", event.type().wireName(), "eventId", event.id(),
                        "reply", input.replyQueue() == null ? "none" : input.replyQueue()));
        return event.id();
    }

    /**
     * The activity's input: the event, the reply queue the request asked for (null when none; the reply is sent by
     * {@link PublishReply}), and what the duration model can learn from this request (null when nothing).
     */
    record Input(JsonNode event, String replyQueue, String observedKey, Long observedMillis) {
    }
}
