package io.amlcompute.provisioner.provisioning;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.contract.LeaseExpiry;
import io.amlcompute.provisioner.contract.event.LeaseInfo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a lease stands, carried from one execution of the orchestration to the next (continue-as-new drops the
 * history, so everything the lease loop decides from is here).
 *
 * @param warnedFor    the expiry whose {@code lease.expiring} was published; a renewal moves the expiry, so the new
 *                     one is warned of again
 * @param endingSince  when the lease expired or was released; null while it is active
 * @param answered     the requestIds of the latest control requests answered, newest last, at most
 *                     {@link #ANSWERED_KEPT}: a redelivered or repeated one is recognised and not applied twice
 * @param readyEvent   the request's ready event as JSON: the orchestration's output once the lease is over
 */
public record LeaseState(String leaseId, Instant startedAt, Instant expiresAt, LeaseExpiry onExpiry,
                         Instant warnedFor, Instant endingSince, List<String> answered, String readyEvent) {

    /** Enough to cover a burst of redeliveries; the trigger stops re-sending once it sees its id here. */
    public static final int ANSWERED_KEPT = 32;

    public LeaseState {
        Objects.requireNonNull(leaseId, "leaseId");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(onExpiry, "onExpiry");
        Objects.requireNonNull(readyEvent, "readyEvent");
        answered = answered == null ? List.of() : List.copyOf(answered);
    }

    /** A lease that starts now, with the ready event that announced it. */
    public static LeaseState started(LeaseInfo lease, Instant now, String readyEvent, List<String> answered) {
        return new LeaseState(lease.leaseId(), now, lease.expiresAt(), lease.onExpiry(), null, null, answered,
                readyEvent);
    }

    public boolean ending() {
        return endingSince != null;
    }

    public boolean warned() {
        return expiresAt.equals(warnedFor);
    }

    public LeaseState renewedTo(Instant newExpiry) {
        return new LeaseState(leaseId, startedAt, newExpiry, onExpiry, warnedFor, endingSince, answered, readyEvent);
    }

    public LeaseState withWarning() {
        return new LeaseState(leaseId, startedAt, expiresAt, onExpiry, expiresAt, endingSince, answered, readyEvent);
    }

    /** Expired or released at {@code at}: the expiry is then, and the expiry action is next. */
    public LeaseState endingAt(Instant at) {
        Instant end = at.isBefore(expiresAt) ? at : expiresAt;
        return new LeaseState(leaseId, startedAt, end, onExpiry, warnedFor, at, answered, readyEvent);
    }

    public LeaseState withAnswered(List<String> ids) {
        return new LeaseState(leaseId, startedAt, expiresAt, onExpiry, warnedFor, endingSince, ids, readyEvent);
    }

    /** {@code ids} with {@code id} last, dropping the oldest beyond {@link #ANSWERED_KEPT}. */
    static List<String> appended(List<String> ids, String id) {
        List<String> next = new ArrayList<>(ids);
        next.remove(id);
        next.add(id);
        return next.size() > ANSWERED_KEPT ? next.subList(next.size() - ANSWERED_KEPT, next.size()) : next;
    }

    public String toJson() {
        try {
            return Json.MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("lease state of " + leaseId + " cannot be written", e);
        }
    }

    public static LeaseState fromJson(String json) {
        try {
            return Json.MAPPER.readValue(json, LeaseState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a lease state: " + e.getOriginalMessage(), e);
        }
    }
}
