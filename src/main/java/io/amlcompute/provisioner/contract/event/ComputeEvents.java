package io.amlcompute.provisioner.contract.event;

import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.contract.validation.RequestContext;
import io.amlcompute.provisioner.contract.validation.ValidationError;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Builds the events: the one place that decides ids, sources and subjects. */
public final class ComputeEvents {

    static final String UNKNOWN_SOURCE = "/aml-compute-provisioner";

    private ComputeEvents() {
    }

    /** The event for a request that ended, successfully or not. */
    public static ComputeEvent completed(ComputeRequest request, Completion completion, Instant receivedAt,
                                         Instant completedAt) {
        EventData data = new EventData(request.requestId(), request.correlationId(), request.action(),
                request.workspace(),
                new EventData.ComputeRef(request.computeName(), request.operation().computeType(),
                        request.workspace().computeId(request.computeName())),
                completion.outcome(), completion.status(), completion.errors(), completion.drift(),
                completion.warnings(), EventData.Timings.between(receivedAt, completedAt), completion.polls());
        return new ComputeEvent(ComputeEvent.SPEC_VERSION, eventId(request.requestId(), completion.type()),
                request.workspace().armId(), completion.type(), "computes/" + request.computeName(), completedAt,
                ComputeEvent.DATA_CONTENT_TYPE, data);
    }

    /**
     * The event for a request that was refused before anything touched Azure.
     *
     * @param dedupeKey identifies the message when it has no usable requestId (e.g. its raw MessageId), so a
     *                  redelivered bad message still yields the same event id
     */
    public static ComputeEvent rejected(RequestContext context, List<ValidationError> errors, Instant now,
                                        String dedupeKey) {
        Objects.requireNonNull(dedupeKey, "dedupeKey");
        String key = context.requestId() != null ? context.requestId() : dedupeKey;
        List<ComputeStatus.ErrorInfo> infos = errors.stream()
                .map(e -> new ComputeStatus.ErrorInfo(e.code().name(), e.message(), e.path())).toList();
        EventData.ComputeRef compute = context.computeName() == null && context.computeType() == null ? null
                : new EventData.ComputeRef(context.computeName(), context.computeType(),
                context.workspace() != null && context.computeName() != null
                        ? context.workspace().computeId(context.computeName()) : null);
        EventData data = new EventData(context.requestId(), context.correlationId(), context.action(),
                context.workspace(), compute, Outcome.REJECTED, null, infos, List.of(), List.of(),
                EventData.Timings.between(now, now), 0);
        return new ComputeEvent(ComputeEvent.SPEC_VERSION, eventId(key, EventType.REJECTED),
                context.workspace() != null ? context.workspace().armId() : UNKNOWN_SOURCE, EventType.REJECTED,
                context.computeName() != null ? "computes/" + context.computeName() : null, now,
                ComputeEvent.DATA_CONTENT_TYPE, data);
    }

    /**
     * Deterministic event id (and Service Bus MessageId): a name-based UUID of requestId and event type, so
     * publishing the same terminal event twice is a duplicate that Service Bus drops.
     */
    public static String eventId(String requestId, EventType type) {
        return UUID.nameUUIDFromBytes((requestId + "|" + type.wireName()).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
