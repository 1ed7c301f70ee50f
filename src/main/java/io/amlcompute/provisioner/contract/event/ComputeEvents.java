package io.amlcompute.provisioner.contract.event;

import io.amlcompute.provisioner.contract.Action;
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
        return completed(request, completion, receivedAt, completedAt, null);
    }

    /** The event for a request that ended; {@code lease} is the lease a ready compute is now held on, or null. */
    public static ComputeEvent completed(ComputeRequest request, Completion completion, Instant receivedAt,
                                         Instant completedAt, LeaseInfo lease) {
        EventData data = new EventData(request.requestId(), request.correlationId(), request.action(),
                request.workspace(), computeOf(request), completion.outcome(), completion.status(),
                completion.errors(), completion.drift(), completion.warnings(),
                EventData.Timings.between(receivedAt, completedAt), completion.polls(), lease);
        return new ComputeEvent(ComputeEvent.SPEC_VERSION, eventId(request.requestId(), completion.type()),
                request.workspace().armId(), completion.type(), "computes/" + request.computeName(), completedAt,
                ComputeEvent.DATA_CONTENT_TYPE, data);
    }

    /**
     * A lease's own event: {@code lease.expiring} and {@code lease.expired}, for the ensure that holds it (data's
     * ids are the ensure's), with {@code status} the compute's last status and {@code errors} why an expiry
     * action failed.
     *
     * @param since when the lease started, for the timings
     */
    public static ComputeEvent lease(ComputeRequest holder, EventType type, LeaseInfo lease, ComputeStatus status,
                                     List<ComputeStatus.ErrorInfo> errors, Instant since, Instant now) {
        if (type != EventType.LEASE_EXPIRING && type != EventType.LEASE_EXPIRED) {
            throw new IllegalArgumentException(type + " is not a lease's own event");
        }
        EventData data = new EventData(holder.requestId(), holder.correlationId(), holder.action(),
                holder.workspace(), computeOf(holder), null, status, errors, List.of(), List.of(),
                EventData.Timings.between(since, now), null, lease);
        // Once per lease for expired; expiring once per expiry it warns of (a renewal after the warning warns again).
        String key = type == EventType.LEASE_EXPIRED ? lease.leaseId() : lease.leaseId() + "@" + lease.expiresAt();
        return new ComputeEvent(ComputeEvent.SPEC_VERSION, eventId(key, type), holder.workspace().armId(), type,
                "computes/" + holder.computeName(), now, ComputeEvent.DATA_CONTENT_TYPE, data);
    }

    /**
     * The answer to a renew or release that was carried out: data's ids are the control request's, {@code lease}
     * the lease as it is now.
     */
    public static ComputeEvent leaseAnswer(ComputeRequest holder, EventType type, Action action, String requestId,
                                           String correlationId, LeaseInfo lease, Instant now) {
        if (type != EventType.LEASE_RENEWED && type != EventType.LEASE_RELEASED) {
            throw new IllegalArgumentException(type + " does not answer a control request");
        }
        EventData data = new EventData(requestId, correlationId, action, holder.workspace(), computeOf(holder),
                null, null, List.of(), List.of(), List.of(), EventData.Timings.between(now, now), null, lease);
        return new ComputeEvent(ComputeEvent.SPEC_VERSION, eventId(requestId, type), holder.workspace().armId(), type,
                "computes/" + holder.computeName(), now, ComputeEvent.DATA_CONTENT_TYPE, data);
    }

    private static EventData.ComputeRef computeOf(ComputeRequest request) {
        return new EventData.ComputeRef(request.computeName(), request.operation().computeType(),
                request.workspace().computeId(request.computeName()));
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
