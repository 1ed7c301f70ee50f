package io.amlcompute.provisioner.contract;

/**
 * The application properties of a request message that the app reads besides its body. They are application
 * properties, not the Service Bus ReplyTo, ReplyToSessionId or CorrelationId system properties, because a Java
 * function cannot rely on those arriving: the Functions host drops a message property that is not set, and the Java
 * worker then fails the invocation before the function runs (ADR 0006). The application properties always arrive,
 * as one dictionary, empty or not. Names are case-sensitive, as AMQP application properties are.
 */
public final class RequestMessageProperties {

    /** The queue to send the completion event to as well; only the app's replies queue is honoured. */
    public static final String REPLY_TO = "replyTo";

    /** The session of that queue the event goes to; the requestId when absent. */
    public static final String REPLY_TO_SESSION_ID = "replyToSessionId";

    /** The correlation id when the body has none. */
    public static final String CORRELATION_ID = "correlationId";

    private RequestMessageProperties() {
    }
}
