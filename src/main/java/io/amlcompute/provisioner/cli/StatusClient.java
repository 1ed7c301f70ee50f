package io.amlcompute.provisioner.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The status API's client: {@code GET {base}/api/compute-requests/{requestId}} with the function key in the
 * {@code x-functions-key} header (never in the URL, which proxies and logs keep). A key is sent only over HTTPS,
 * or over plain HTTP to a loopback host (the local stack).
 */
final class StatusClient {

    static final String KEY_HEADER = "x-functions-key";
    static final String ROUTE = "/api/compute-requests/";

    private final URI base;
    private final String key;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param key null for none
     * @throws IllegalArgumentException when the URL is unusable, or a key would travel in clear text
     */
    StatusClient(String baseUrl, String key, Duration timeout) {
        this.base = parseBase(baseUrl);
        this.key = key;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (key != null && "http".equals(base.getScheme()) && !isLoopback(base.getHost())) {
            throw new IllegalArgumentException("a function key is sent only over https (or http to a loopback host),"
                    + " not to " + base);
        }
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The answer's status and body; IOException when the API cannot be reached. */
    Answer get(String requestId) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uriFor(requestId)).timeout(timeout)
                .header("Accept", "application/json").GET();
        if (key != null) {
            request.header(KEY_HEADER, key);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    record Answer(int status, String body) {
    }

    URI uriFor(String requestId) {
        // The app's root, its /api, or the route itself (as computectl local prints it) all work.
        String path = base.getPath().replaceAll("/+$", "");
        for (String suffix : new String[]{ROUTE.substring(0, ROUTE.length() - 1), "/api"}) {
            if (path.endsWith(suffix)) {
                path = path.substring(0, path.length() - suffix.length());
                break;
            }
        }
        String prefix = path;
        String segment = URLEncoder.encode(requestId, StandardCharsets.UTF_8).replace("+", "%20");
        return URI.create(base.getScheme() + "://" + base.getRawAuthority() + prefix + ROUTE + segment);
    }

    private static URI parseBase(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + url + "' is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + url + "' is not an http(s) URL such as https://my-app.azurewebsites.net");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("give the base URL without query or fragment (the key goes in --key)");
        }
        return uri;
    }

    private static boolean isLoopback(String host) {
        if ("localhost".equalsIgnoreCase(host)) {
            return true;
        }
        try {
            // A literal address only: resolving a name here would let DNS decide where the key goes.
            return host.matches("[0-9.]+|\\[?[0-9a-fA-F:]+]?") && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
