package io.amlcompute.provisioner.config;

/**
 * Default Service Bus entity names. The function bindings, the emulator's defaults, the Bicep and
 * {@code computectl} all use these; a test checks that they agree.
 */
public final class EntityNames {

    public static final String REQUESTS_QUEUE = "compute-requests";
    public static final String EVENTS_TOPIC = "compute-events";
    /** The catch-all subscription of the events topic. */
    public static final String ALL_EVENTS_SUBSCRIPTION = "all-events";
    /** Session-enabled queue for request–reply: events arrive with SessionId = the request's ReplyToSessionId. */
    public static final String REPLIES_QUEUE = "compute-replies";

    private EntityNames() {
    }
}
