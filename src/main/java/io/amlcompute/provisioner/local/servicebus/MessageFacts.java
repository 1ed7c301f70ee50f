package io.amlcompute.provisioner.local.servicebus;

import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.amqp.messaging.MessageAnnotations;
import org.apache.qpid.proton.amqp.messaging.Properties;
import org.apache.qpid.proton.message.Message;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The parts of a message the broker decides on: routing (correlation filters), sessions, duplicate detection,
 * time to live and scheduling. Read once from the AMQP message when it arrives.
 *
 * @param timeToLive            the header TTL, or null when the sender set none
 * @param scheduledEnqueueTime  {@code x-opt-scheduled-enqueue-time}, or null
 */
record MessageFacts(String messageId, String correlationId, String subject, String to, String replyTo,
        String replyToSessionId, String sessionId, String contentType, Map<String, Object> applicationProperties,
        Duration timeToLive, Instant scheduledEnqueueTime) {

    static final Symbol SCHEDULED_ENQUEUE_TIME = Symbol.valueOf("x-opt-scheduled-enqueue-time");

    MessageFacts {
        applicationProperties = applicationProperties == null ? Map.of() : applicationProperties;
    }

    static MessageFacts of(Message message) {
        Properties properties = message.getProperties();
        Map<String, Object> applicationProperties = new HashMap<>();
        ApplicationProperties application = message.getApplicationProperties();
        if (application != null && application.getValue() != null) {
            application.getValue().forEach((key, value) -> applicationProperties.put(String.valueOf(key), value));
        }
        Instant scheduled = null;
        MessageAnnotations annotations = message.getMessageAnnotations();
        if (annotations != null && annotations.getValue() != null
                && annotations.getValue().get(SCHEDULED_ENQUEUE_TIME) instanceof Date date) {
            scheduled = date.toInstant();
        }
        long ttl = message.getHeader() == null || message.getHeader().getTtl() == null
                ? 0 : message.getHeader().getTtl().longValue();
        return new MessageFacts(
                text(properties == null ? null : properties.getMessageId()),
                text(properties == null ? null : properties.getCorrelationId()),
                properties == null ? null : properties.getSubject(),
                properties == null ? null : properties.getTo(),
                properties == null ? null : properties.getReplyTo(),
                properties == null ? null : properties.getReplyToGroupId(),
                properties == null ? null : properties.getGroupId(),
                properties == null || properties.getContentType() == null
                        ? null : properties.getContentType().toString(),
                Map.copyOf(withoutNullValues(applicationProperties)),
                ttl > 0 ? Duration.ofMillis(ttl) : null,
                scheduled);
    }

    private static String text(Object id) {
        return id == null ? null : id.toString();
    }

    private static Map<String, Object> withoutNullValues(Map<String, Object> map) {
        map.values().removeIf(Objects::isNull);
        return map;
    }
}
