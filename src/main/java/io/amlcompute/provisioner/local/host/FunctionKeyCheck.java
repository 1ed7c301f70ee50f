package io.amlcompute.provisioner.local.host;

import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * Function-level authorization as the Functions host applies it: a function with authLevel FUNCTION or ADMIN needs
 * the key as the {@code code} query parameter or the {@code x-functions-key} header; ANONYMOUS needs nothing. The
 * local host has one key for all functions (in Azure: a function, host or master key). Never logged.
 */
final class FunctionKeyCheck {

    static final String HEADER = "x-functions-key";
    static final String QUERY_PARAMETER = "code";

    private final byte[] key;

    FunctionKeyCheck(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isBlank()) {
            throw new IllegalArgumentException("a function key must not be blank");
        }
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    /** A new random key: 32 bytes, URL-safe Base64, as the Functions host generates its keys. */
    static String generateKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    boolean allows(AuthorizationLevel level, String queryCode, String headerKey) {
        if (level == AuthorizationLevel.ANONYMOUS) {
            return true;
        }
        return matches(headerKey) || matches(queryCode);
    }

    private boolean matches(String candidate) {
        // Constant-time comparison: the key is a credential.
        return candidate != null && MessageDigest.isEqual(key, candidate.getBytes(StandardCharsets.UTF_8));
    }
}
