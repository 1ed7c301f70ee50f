package io.amlcompute.provisioner.contract;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A reference to a secret, never its value. Two forms:
 * <ul>
 *   <li>a Key Vault secret URI, {@code https://<vault>.vault.azure.net/secrets/<name>[/<version>]} (also the
 *       sovereign-cloud vault domains);</li>
 *   <li>{@code local:<name>}, a secret in the local run's secret store.</li>
 * </ul>
 * Its {@code toString} is the reference itself, which is safe to log.
 */
public record SecretRef(String uri) {

    /** The store name policy uses for {@code local:} references. */
    public static final String LOCAL_STORE = "local";

    private static final Pattern VAULT_HOST = Pattern.compile(
            "^[a-z0-9](?:[a-z0-9-]{1,22})[a-z0-9]\\.vault\\.(?:azure\\.net|azure\\.cn|usgovcloudapi\\.net|microsoftazure\\.de)$");
    private static final Pattern SECRET_NAME = Pattern.compile("^[0-9a-zA-Z-]{1,127}$");
    private static final Pattern SECRET_VERSION = Pattern.compile("^[0-9a-fA-F]{32}$");

    public SecretRef {
        Objects.requireNonNull(uri, "uri");
        if (parse(uri).isEmpty()) {
            throw new IllegalArgumentException("not a secret reference: " + uri);
        }
    }

    /** Parses a reference, or empty when the text is neither form. */
    public static Optional<Parts> parse(String text) {
        if (text.startsWith("local:")) {
            String name = text.substring("local:".length());
            return SECRET_NAME.matcher(name).matches()
                    ? Optional.of(new Parts(LOCAL_STORE, name, null))
                    : Optional.empty();
        }
        URI parsed;
        try {
            parsed = new URI(text);
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
        if (!"https".equals(parsed.getScheme()) || parsed.getHost() == null || parsed.getPort() != -1
                || parsed.getRawQuery() != null || parsed.getRawFragment() != null || parsed.getRawUserInfo() != null) {
            return Optional.empty();
        }
        String host = parsed.getHost().toLowerCase(Locale.ROOT);
        if (!VAULT_HOST.matcher(host).matches() || parsed.getRawPath() == null) {
            return Optional.empty();
        }
        String[] segments = parsed.getRawPath().split("/", -1);
        // "", "secrets", name[, version]
        if (segments.length < 3 || segments.length > 4 || !segments[0].isEmpty() || !"secrets".equals(segments[1])
                || !SECRET_NAME.matcher(segments[2]).matches()) {
            return Optional.empty();
        }
        String version = segments.length == 4 ? segments[3] : null;
        if (version != null && !SECRET_VERSION.matcher(version).matches()) {
            return Optional.empty();
        }
        return Optional.of(new Parts(host, segments[2], version));
    }

    public Parts parts() {
        return parse(uri).orElseThrow();
    }

    /** The store a reference points into: a vault host name, or {@link #LOCAL_STORE}. */
    public String store() {
        return parts().store();
    }

    @Override
    public String toString() {
        return uri;
    }

    /** A parsed reference; {@code version} is null for "latest". */
    public record Parts(String store, String name, String version) {
    }
}
