package io.amlcompute.provisioner.local.arm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret value (access token, bearer token) held in memory only. Its {@code toString} never shows the value, it has
 * no getter Jackson could serialize, and comparison takes the same time whatever the candidate.
 */
final class Secret {

    private final String value;

    Secret(String value) {
        this.value = Objects.requireNonNull(value, "secret value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a secret must not be empty");
        }
    }

    boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(
                value.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
    }

    boolean sameAs(Secret other) {
        return other != null && matches(other.value);
    }

    @Override
    public String toString() {
        return "[secret]";
    }
}
