package io.amlcompute.provisioner.secrets;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.ExponentialBackoff;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RequestRetryCondition;
import com.azure.core.http.policy.RetryStrategy;

import java.time.Duration;
import java.util.Objects;

/**
 * azure-core's exponential backoff for the Key Vault client, plus a cap: azure-core honours any Retry-After, so a
 * long one would block the activity for as long as Key Vault asked. Above {@code maxRetryAfter} the call gives up at
 * once and the resolver surfaces THROTTLED with the full wait, for the orchestration to spend on a durable timer.
 */
final class KeyVaultRetryStrategy implements RetryStrategy {

    private static final HttpHeaderName RETRY_AFTER_MS = HttpHeaderName.fromString("retry-after-ms");
    private static final HttpHeaderName X_MS_RETRY_AFTER_MS = HttpHeaderName.fromString("x-ms-retry-after-ms");

    private final ExponentialBackoff backoff;
    private final Duration maxRetryAfter;

    KeyVaultRetryStrategy(int maxRetries, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter) {
        this.backoff = new ExponentialBackoff(new ExponentialBackoffOptions()
                .setMaxRetries(maxRetries).setBaseDelay(baseDelay).setMaxDelay(maxDelay));
        this.maxRetryAfter = Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    }

    @Override
    public int getMaxRetries() {
        return backoff.getMaxRetries();
    }

    @Override
    public Duration calculateRetryDelay(int retryAttempts) {
        return backoff.calculateRetryDelay(retryAttempts);
    }

    @Override
    public boolean shouldRetryCondition(RequestRetryCondition condition) {
        HttpResponse response = condition.getResponse();
        if (response != null) {
            Duration asked = retryAfter(response);
            if (asked != null && asked.compareTo(maxRetryAfter) > 0) {
                return false;
            }
        }
        return backoff.shouldRetryCondition(condition);
    }

    /** Retry-After in seconds, or the millisecond forms; null when none is readable. */
    static Duration retryAfter(HttpResponse response) {
        for (HttpHeaderName name : new HttpHeaderName[]{RETRY_AFTER_MS, X_MS_RETRY_AFTER_MS}) {
            String ms = response.getHeaderValue(name);
            if (ms != null) {
                try {
                    return Duration.ofMillis(Long.parseLong(ms.trim()));
                } catch (NumberFormatException ignored) {
                    // fall through to the next form
                }
            }
        }
        String seconds = response.getHeaderValue(HttpHeaderName.RETRY_AFTER);
        if (seconds != null) {
            try {
                return Duration.ofSeconds(Long.parseLong(seconds.trim()));
            } catch (NumberFormatException notSeconds) {
                return null;
            }
        }
        return null;
    }
}
