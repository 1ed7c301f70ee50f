package io.amlcompute.provisioner.provisioning.preflight;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * ARM region names as the location reads take them: lower-case without spaces ("West Europe" is westeurope, as
 * azure-core-management's {@code Region.fromName} normalizes), and only of the characters the contract's
 * {@code location} path parameter allows ({@code ^[-\w\._]+$}, 2025-12-01).
 */
public final class RegionNames {

    private static final Pattern LOCATION = Pattern.compile("^[-\\w._]+$");

    private RegionNames() {
    }

    public static String normalized(String region) {
        return region.replace(" ", "").toLowerCase(Locale.ROOT);
    }

    /** Whether the normalized name may stand in a location path. */
    public static boolean isValid(String region) {
        return region != null && LOCATION.matcher(normalized(region)).matches();
    }
}
