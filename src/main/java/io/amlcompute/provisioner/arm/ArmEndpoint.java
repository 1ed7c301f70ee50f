package io.amlcompute.provisioner.arm;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The ARM base URI (e.g. {@code https://management.azure.com}) and the rules for which auth mode may talk to it:
 * bearer tokens only over https (azure-core's bearer policy refuses http anyway, platform notes 5), and no
 * authentication only to loopback, so a misconfigured app can never send unauthenticated calls off the machine.
 */
record ArmEndpoint(URI uri) {

    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "::1", "[::1]", "localhost");

    ArmEndpoint {
        Objects.requireNonNull(uri, "uri");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("the ARM endpoint must be an http(s) URL, got " + uri);
        }
        if (uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null || (uri.getRawPath() != null && !uri.getRawPath().isEmpty()
                && !uri.getRawPath().equals("/"))) {
            throw new IllegalArgumentException("the ARM endpoint must be a bare scheme://host[:port], got " + uri);
        }
        uri = URI.create(scheme + "://" + uri.getRawAuthority());
    }

    static ArmEndpoint parse(String text) {
        try {
            return new ArmEndpoint(new URI(text.trim()));
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("the ARM endpoint is not a URL: " + text);
        }
    }

    boolean https() {
        return uri.getScheme().equals("https");
    }

    boolean loopback() {
        return LOOPBACK_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT));
    }

    /** The token scope for this endpoint: {@code https://management.azure.com/.default}. */
    String scope() {
        return uri + "/.default";
    }

    /** Refuses an endpoint the no-auth mode may not talk to. */
    void requireLoopbackForNoAuth() {
        if (!loopback()) {
            throw new IllegalArgumentException("ARM calls without authentication go only to a loopback endpoint "
                    + "(127.0.0.1, ::1, localhost), not to " + uri + "; use the managed identity for real ARM");
        }
    }

    /** Refuses an endpoint a bearer token may not be sent to. */
    void requireHttpsForToken() {
        if (!https()) {
            throw new IllegalArgumentException("ARM calls with a bearer token need an https endpoint, not " + uri
                    + "; a local http emulator is reached without authentication");
        }
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
