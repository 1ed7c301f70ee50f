package io.amlcompute.provisioner.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.durabletask.azurefunctions.DurableActivityTrigger;
import io.amlcompute.provisioner.contract.event.ComputeEvent;
import io.amlcompute.provisioner.provisioning.ReplyAddress;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Activity: sends the terminal event to the reply session the request asked for, after {@link PublishCompletion}
 * published it to the topic. Retried on its own; if it never succeeds the request still has its event on the topic.
 */
public final class PublishReply {

    public static final String NAME = "PublishReply";

    private final Supplier<ProvisionerApp> app;

    public PublishReply() {
        this(ProvisionerApp::instance);
    }

    PublishReply(Supplier<ProvisionerApp> app) {
        this.app = app;
    }

    @FunctionName(NAME)
    public String run(@DurableActivityTrigger(name = "input") String inputJson, ExecutionContext context) {
        Input input = ActivityJson.read(inputJson, Input.class);
        ComputeEvent event = ActivityJson.read(input.event(), ComputeEvent.class);
        ReplyAddress reply = new ReplyAddress(input.replyQueue(), input.replySessionId());
        app.get().publisher().reply(event, reply);
        RequestLog.info(context.getLogger(), "request.replied", event.data().requestId(), event.data().correlationId(),
                Map.of("eventId", event.id(), "reply", reply.queue()));
        return event.id();
    }

    /** The event and the reply session it goes to. */
    record Input(JsonNode event, String replyQueue, String replySessionId) {
    }
}
