package io.amlcompute.provisioner.functions;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every structured log line the app writes ({@link RequestLog}): its {@code event=} name and the fields it carries
 * besides {@link #COMMON_FIELDS}. The one place the names are written down: the monitoring workbook and the alert
 * queries in {@code infra/} may read only these (a test checks), and {@link RequestLog} refuses, under assertions
 * (as in every test run), a line that names an event or a field not declared here.
 */
public enum RequestLogEvent {
    /** A request was accepted and its orchestration started. */
    REQUEST_STARTED("request.started", "action", "compute", "deliveryCount"),
    /** A redelivery, or a repeated requestId: nothing was started twice. */
    REQUEST_DUPLICATE("request.duplicate", "instanceId", "deliveryCount"),
    /**
     * The request was invalid or against policy; {@code reasons} are the distinct reason codes, comma-separated;
     * {@code deliveryKey} is the message's sequence number and a digest of its body (a message may have no MessageId).
     */
    REQUEST_REJECTED("request.rejected", "deliveryKey", "reasons"),
    /**
     * The ARM action was performed; {@code result} is the kind of result (Done, Wait, Failed, ...); {@code preflight},
     * when the region pre-flight found anything, its codes, comma-separated (a refusal's errors, or the warnings the
     * action went ahead with).
     */
    COMPUTE_ACTION("compute.action", "action", "compute", "result", "preflight"),
    /** A lease's expiry action or a cancel's removal ran; {@code kind} is what it did, {@code result} as for actions. */
    COMPUTE_CLEANUP("compute.cleanup", "kind", "compute", "result"),
    /**
     * A control request (renew, release, cancel) was handed to the request it names ({@code target}), which answered
     * it; one naming an unknown or ended request is logged as {@code request.rejected}.
     */
    REQUEST_SIGNALLED("request.signalled", "action", "target", "deliveryCount"),
    /** The completion event was published; {@code reply} is the reply queue or {@code none}. */
    REQUEST_COMPLETED("request.completed", "eventType", "eventId", "reply"),
    /** The event was also sent to the reply session the request asked for. */
    REQUEST_REPLIED("request.replied", "eventId", "reply");

    /** On every line: what happened and the two ids a request is followed by. */
    public static final List<String> COMMON_FIELDS = List.of("event", "requestId", "correlationId");

    private final String wireName;
    private final List<String> fields;

    RequestLogEvent(String wireName, String... fields) {
        this.wireName = wireName;
        this.fields = List.of(fields);
    }

    /** The value of {@code event=}. */
    public String wireName() {
        return wireName;
    }

    /** The fields besides the common ones, in the order they are written. */
    public List<String> fields() {
        return fields;
    }

    public static Optional<RequestLogEvent> of(String wireName) {
        return Arrays.stream(values()).filter(e -> e.wireName.equals(wireName)).findFirst();
    }

    /** Every field name any line carries. */
    public static Set<String> allFields() {
        Set<String> all = new LinkedHashSet<>(COMMON_FIELDS);
        Arrays.stream(values()).forEach(e -> all.addAll(e.fields));
        return all;
    }

    /** Whether a line of {@code event} with these fields is one this enum declares (fields may be left out). */
    static boolean declares(String event, Set<String> fieldNames) {
        return of(event).map(e -> e.fields.containsAll(fieldNames)).orElse(false);
    }
}
