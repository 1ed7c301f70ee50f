package io.amlcompute.provisioner.cli;

import com.azure.core.util.BinaryData;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.contract.RequestMessageProperties;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A request as {@code send} puts it on the requests queue: the body with its requestId (added when the file has
 * none), MessageId = requestId (Service Bus duplicate detection's key), ContentType {@value #CONTENT_TYPE}, and the
 * application properties the app reads besides the body ({@link RequestMessageProperties}): {@code correlationId}
 * and, for request–reply, {@code replyTo} = the replies queue with a {@code replyToSessionId} of its own. The
 * Service Bus ReplyTo and CorrelationId system properties are not what the app reads (ADR 0006).
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
        body = withRequestId(body, requestId);
    }

    ServiceBusMessage toServiceBusMessage() {
        ServiceBusMessage message = new ServiceBusMessage(BinaryData.fromBytes(body.getBytes(StandardCharsets.UTF_8)))
                .setMessageId(requestId)
                .setContentType(CONTENT_TYPE);
        message.getApplicationProperties().put(RequestMessageProperties.CORRELATION_ID, correlationId);
        if (replyTo != null) {
            message.getApplicationProperties().put(RequestMessageProperties.REPLY_TO, replyTo);
            message.getApplicationProperties().put(RequestMessageProperties.REPLY_TO_SESSION_ID, replyToSessionId);
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

    /** The body as it is when it names a requestId; otherwise with {@code requestId} added first. */
    private static String withRequestId(String body, String requestId) {
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a request body to send must be JSON", e);
        }
        if (!(tree instanceof ObjectNode object) || object.has("requestId")) {
            return body;
        }
        ObjectNode withId = Json.MAPPER.createObjectNode().put("requestId", requestId);
        withId.setAll(object);
        return withId.toString();
    }
}
