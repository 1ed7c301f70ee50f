package io.amlcompute.provisioner.contract.event;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A terminal event in CloudEvents 1.0 structured JSON form: the one contract every consumer reads. Build
 * instances with {@link ComputeEvents}, which derives the id and the envelope from the request.
 *
 * @param id      deterministic per (requestId, type): a repeated publish carries the same id and MessageId, and
 *                Service Bus duplicate detection drops it
 * @param source  the workspace's ARM id, or {@code /aml-compute-provisioner} when the workspace is unknown
 * @param subject {@code computes/<name>}, or null when the compute name is unknown
 */
public record ComputeEvent(String specversion, String id, String source, EventType type, String subject,
                           Instant time, String datacontenttype, EventData data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String DATA_CONTENT_TYPE = "application/json";
    /** Content type of the Service Bus message that carries an event. */
    public static final String MESSAGE_CONTENT_TYPE = "application/cloudevents+json; charset=utf-8";

    public ComputeEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
    }

    /**
     * The Service Bus application properties consumers filter on (correlation filters match them exactly).
     * Only present values are included.
     */
    @JsonIgnore
    public Map<String, String> applicationProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("eventType", type.wireName());
        put(properties, "requestId", data.requestId());
        put(properties, "correlationId", data.correlationId());
        put(properties, "action", data.action() == null ? null : data.action().wireName());
        put(properties, "workspace", data.workspace() == null ? null : data.workspace().key());
        put(properties, "computeName", data.compute() == null ? null : data.compute().name());
        put(properties, "computeType", data.compute() == null || data.compute().type() == null
                ? null : data.compute().type().wireName());
        put(properties, "outcome", data.outcome() == null ? null : data.outcome().wireName());
        put(properties, "leaseId", data.lease() == null ? null : data.lease().leaseId());
        return properties;
    }

    private static void put(Map<String, String> properties, String key, String value) {
        if (value != null) {
            properties.put(key, value);
        }
    }
}
