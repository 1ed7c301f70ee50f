package io.amlcompute.provisioner.provisioning.preflight;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What was read for a subscription and region, kept for a short while: a burst of requests for one region costs one
 * set of reads, not one per request (each read counts against the subscription's ARM read budget). Requests that
 * arrive while a read runs wait for it rather than read again. A failed read is not kept. Within the time to live a
 * request sees the usage as it was read; the quota a cluster takes shows in ARM's usage only once its nodes are
 * allocated anyway. Thread-safe.
 */
final class RegionOfferCache {

    private final RegionReader reader;
    private final Duration ttl;
    private final Clock clock;
    private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();
    private final AtomicLong fills = new AtomicLong();

    RegionOfferCache(RegionReader reader, Duration ttl, Clock clock) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What ARM publishes for the region, read now or within the time to live. */
    RegionOffer get(String subscriptionId, String region, String correlationId) {
        Slot slot = slots.computeIfAbsent(key(subscriptionId, region), k -> new Slot());
        synchronized (slot) {
            Instant now = clock.instant();
            if (slot.offer != null && now.isBefore(slot.readAt.plus(ttl))) {
                return slot.offer;
            }
            RegionOffer offer = reader.read(subscriptionId, region, correlationId);
            fills.incrementAndGet();
            slot.offer = offer;
            slot.readAt = now;
            return offer;
        }
    }

    /** How often the region was read (each time the vmSizes, usages and quotas reads). */
    long fills() {
        return fills.get();
    }

    /** Subscriptions and ARM region names compare without case; region names also without spaces. */
    static String key(String subscriptionId, String region) {
        return subscriptionId.toLowerCase(Locale.ROOT) + "/" + RegionNames.normalized(region);
    }

    private static final class Slot {
        RegionOffer offer;
        Instant readAt;
    }
}
