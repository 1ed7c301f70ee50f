package io.amlcompute.provisioner.local.servicebus;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A Service Bus correlation filter: a subscription rule that matches a message when every property it names equals
 * the message's value (a logical AND). System properties compare as exact strings; application properties compare by
 * value, numbers numerically ({@code 5} matches {@code 5L}). A {@code null} field does not take part in the match.
 *
 * <p>At least one condition is required, as in Service Bus. Build one with {@link #builder()}.
 *
 * @param correlationId    the message's {@code CorrelationId}
 * @param messageId        the message's {@code MessageId}
 * @param to               the message's {@code To}
 * @param replyTo          the message's {@code ReplyTo}
 * @param subject          the message's {@code Subject} (called {@code Label} in the emulator's JSON file)
 * @param sessionId        the message's {@code SessionId}
 * @param replyToSessionId the message's {@code ReplyToSessionId}
 * @param contentType      the message's {@code ContentType}
 * @param properties       application properties that must all be present with equal values
 */
public record CorrelationFilter(String correlationId, String messageId, String to, String replyTo, String subject,
        String sessionId, String replyToSessionId, String contentType, Map<String, Object> properties) {

    public CorrelationFilter {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
        boolean anySystemProperty = correlationId != null || messageId != null || to != null || replyTo != null
                || subject != null || sessionId != null || replyToSessionId != null || contentType != null;
        if (!anySystemProperty && properties.isEmpty()) {
            throw new IllegalArgumentException("a correlation filter needs at least one condition");
        }
        properties.forEach((name, value) -> {
            if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                throw new IllegalArgumentException("correlation filter property '" + name
                        + "' must be a string, number or boolean, was: " + value);
            }
        });
    }

    public static Builder builder() {
        return new Builder();
    }

    boolean matches(MessageFacts message) {
        return equalOrUnset(correlationId, message.correlationId())
                && equalOrUnset(messageId, message.messageId())
                && equalOrUnset(to, message.to())
                && equalOrUnset(replyTo, message.replyTo())
                && equalOrUnset(subject, message.subject())
                && equalOrUnset(sessionId, message.sessionId())
                && equalOrUnset(replyToSessionId, message.replyToSessionId())
                && equalOrUnset(contentType, message.contentType())
                && properties.entrySet().stream().allMatch(wanted ->
                        sameValue(wanted.getValue(), message.applicationProperties().get(wanted.getKey())));
    }

    private static boolean equalOrUnset(String wanted, String actual) {
        return wanted == null || wanted.equals(actual);
    }

    private static boolean sameValue(Object wanted, Object actual) {
        if (wanted instanceof Number w && actual instanceof Number a) {
            return new BigDecimal(w.toString()).compareTo(new BigDecimal(a.toString())) == 0;
        }
        return Objects.equals(wanted, actual);
    }

    /** Collects the conditions of a {@link CorrelationFilter}. */
    public static final class Builder {
        private String correlationId;
        private String messageId;
        private String to;
        private String replyTo;
        private String subject;
        private String sessionId;
        private String replyToSessionId;
        private String contentType;
        private final Map<String, Object> properties = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder correlationId(String value) {
            this.correlationId = value;
            return this;
        }

        public Builder messageId(String value) {
            this.messageId = value;
            return this;
        }

        public Builder to(String value) {
            this.to = value;
            return this;
        }

        public Builder replyTo(String value) {
            this.replyTo = value;
            return this;
        }

        public Builder subject(String value) {
            this.subject = value;
            return this;
        }

        public Builder sessionId(String value) {
            this.sessionId = value;
            return this;
        }

        public Builder replyToSessionId(String value) {
            this.replyToSessionId = value;
            return this;
        }

        public Builder contentType(String value) {
            this.contentType = value;
            return this;
        }

        public Builder property(String name, Object value) {
            properties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public CorrelationFilter build() {
            return new CorrelationFilter(correlationId, messageId, to, replyTo, subject, sessionId, replyToSessionId,
                    contentType, properties);
        }
    }
}
