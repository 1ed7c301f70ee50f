package io.amlcompute.provisioner.provisioning.preflight;

import java.time.Duration;
import java.util.Objects;

/**
 * The app's own pre-flight settings.
 *
 * @param forceEnforce every request is checked as {@code enforce}, whatever its {@code options.preflight}
 *                     ({@code PREFLIGHT_FORCE_ENFORCE})
 * @param cacheTtl     how long what was read for a subscription and region is used again before it is read anew
 *                     ({@code PREFLIGHT_CACHE_TTL}); zero reads every time
 */
public record PreflightPolicy(boolean forceEnforce, Duration cacheTtl) {

    public static final Duration DEFAULT_CACHE_TTL = Duration.ofMinutes(1);

    public PreflightPolicy {
        Objects.requireNonNull(cacheTtl, "cacheTtl");
        if (cacheTtl.isNegative()) {
            throw new IllegalArgumentException("cacheTtl must not be negative: " + cacheTtl);
        }
    }

    public static PreflightPolicy defaults() {
        return new PreflightPolicy(false, DEFAULT_CACHE_TTL);
    }
}
