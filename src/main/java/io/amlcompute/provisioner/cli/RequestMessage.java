package io.amlcompute.provisioner.cli;

import com.azure.core.util.BinaryData;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlcompute.provisioner.contract.Json;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A request as {@code send} puts it on the requests queue: the file's body unchanged, MessageId = requestId (the
 * function's idempotency key, and Service Bus duplicate detection's), CorrelationId, ContentType
 * {@value #CONTENT_TYPE}, and for request–reply ReplyTo = the replies queue with a ReplyToSessionId of its own.
 *
 * @param replyTo          null when no reply is wanted
 * @param replyToSessionId null exactly when {@code replyTo} is
 */
record RequestMessage(String body, String requestId, String correlationId, String replyTo, String replyToSessionId) {

    static final String CONTENT_TYPE = "application/json";

    RequestMessage {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(correlationId, "correlationId");
        if ((replyTo == null) != (replyToSessionId == null)) {
            throw new IllegalArgumentException("replyTo and replyToSessionId go together");
        }
    }

    ServiceBusMessage toServiceBusMessage() {
        ServiceBusMessage message = new ServiceBusMessage(BinaryData.fromBytes(body.getBytes(StandardCharsets.UTF_8)))
                .setMessageId(requestId)
                .setCorrelationId(correlationId)
                .setContentType(CONTENT_TYPE);
        if (replyTo != null) {
            message.setReplyTo(replyTo).setReplyToSessionId(replyToSessionId);
        }
        return message;
    }

    /** What was sent where, as one JSON line for stdout. */
    String receiptJson(String queue) {
        ObjectNode receipt = Json.MAPPER.createObjectNode();
        receipt.put("requestId", requestId);
        receipt.put("correlationId", correlationId);
        receipt.put("messageId", requestId);
        receipt.put("queue", queue);
        if (replyTo != null) {
            receipt.put("replyTo", replyTo);
            receipt.put("replyToSessionId", replyToSessionId);
        }
        return receipt.toString();
    }
}
