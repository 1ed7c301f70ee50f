package io.amlcompute.provisioner.local.arm;

import java.net.HttpURLConnection;
import java.util.regex.Pattern;

/**
 * The {@code computeName} path rule. 2025-12-01 declares no pattern; 2026-07-01 declares
 * {@code ^[a-zA-Z](?![a-zA-Z0-9-]*-\d+$)[a-zA-Z0-9\-]{2,23}$}, which the service enforces in practice, so the
 * emulator applies it to every api-version: 3–24 characters, a letter first, letters/digits/hyphens, not ending
 * in {@code -<digits>}.
 */
final class ComputeNameRule {

    static final Pattern COMPUTE_NAME = Pattern.compile("^[a-zA-Z](?![a-zA-Z0-9-]*-\\d+$)[a-zA-Z0-9\\-]{2,23}$");

    private ComputeNameRule() {
    }

    static boolean isValid(String name) {
        return COMPUTE_NAME.matcher(name).matches();
    }

    static void require(String name) {
        if (!isValid(name)) {
            throw new ArmRefusal(HttpURLConnection.HTTP_BAD_REQUEST, ArmError.of("InvalidResourceName",
                    "Compute name '" + name + "' is invalid: it must be 3 to 24 characters, start with a letter, "
                            + "contain only letters, digits and hyphens, and not end in a hyphen followed by digits.",
                    "computeName"));
        }
    }
}
