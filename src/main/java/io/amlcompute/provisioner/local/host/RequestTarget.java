package io.amlcompute.provisioner.local.host;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The request target of an HTTP/1.1 request line as Kestrel reads it for the Functions host: the decoded path
 * ({@code HttpRequest.Path}, what routing matches) and the raw query ({@code HttpRequest.QueryString}, decoded later
 * value by value). Sources, dotnet/aspnetcore:
 * <ul>
 *   <li>{@code src/Servers/Kestrel/Core/src/Internal/Http/Http1Connection.cs}@01376ec23e7ecac2a5c2be0c433f4e1f3442d8a6
 *       ({@code OnStartLine}, {@code OnOriginFormTarget}, {@code ParseTarget}): the target must be ASCII without NUL
 *       ({@code GetAsciiStringNonNullCharacters}), else 400; the path ends at the first {@code ?}.</li>
 *   <li>{@code src/Servers/Kestrel/Core/src/Internal/Http/PathDecoder.cs}@02fbb9c82fa0eb7691b54d883d7a54524c3945ff:
 *       an encoded path is percent-decoded ({@link PercentDecoding#path}), then its dot segments are removed
 *       ({@code PathNormalizer.RemoveDotSegments}, RFC 3986 5.2.4), then read as UTF-8.</li>
 *   <li>{@code src/Servers/Kestrel/Core/src/Internal/Http/HttpParser.cs}@9ba46ab240072a1fbf0fde4da2546d2020cbe514:
 *       a target that starts with {@code %} or {@code ?} is rejected.</li>
 * </ul>
 * Only the origin form ({@code /path?query}) is modelled; Kestrel also takes the absolute form
 * ({@code http://host/path}), which clients send only to proxies: the local host answers it 400.
 *
 * @param path  the decoded path, starting with {@code /}
 * @param query the query after {@code ?}, as sent; null when the target has no {@code ?}
 */
record RequestTarget(String path, String query) {

    /** The target as Kestrel reads it, or empty when Kestrel answers 400 before any middleware runs. */
    static Optional<RequestTarget> parse(String target) {
        if (target.isEmpty() || target.charAt(0) != '/' || !isAsciiWithoutNul(target)) {
            return Optional.empty();
        }
        int question = target.indexOf('?');
        String rawPath = question < 0 ? target : target.substring(0, question);
        String query = question < 0 ? null : target.substring(question + 1);
        try {
            String decoded = rawPath.indexOf('%') >= 0 ? PercentDecoding.path(rawPath) : rawPath;
            return Optional.of(new RequestTarget(removeDotSegments(decoded), query));
        } catch (IllegalArgumentException escapedNul) {
            return Optional.empty();
        }
    }

    /**
     * The path as the host writes it into the url it gives the worker ({@code $"…{request.Path}…"}, which is
     * {@code PathString.ToUriComponent}, dotnet/aspnetcore@03674d4f754d31e78e285cfe7a0a3951ebd377b9
     * {@code src/Http/Http.Abstractions/src/PathString.cs}): RFC 3986 path characters and {@code %HH} kept, every
     * other character escaped as UTF-8 ({@code Uri.EscapeDataString}), so a lone {@code %} becomes {@code %25}.
     */
    String pathForUrl() {
        StringBuilder url = new StringBuilder(path.length() + 8);
        for (int i = 0; i < path.length(); ) {
            int codePoint = path.codePointAt(i);
            if (isPercentEncoded(i) || isPathChar(codePoint)) {
                url.appendCodePoint(codePoint);
            } else {
                for (byte b : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
                    url.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
                }
            }
            i += Character.charCount(codePoint);
        }
        return url.toString();
    }

    private boolean isPercentEncoded(int at) {
        return path.charAt(at) == '%' && at + 2 < path.length() && isHex(path.charAt(at + 1))
                && isHex(path.charAt(at + 2));
    }

    /** RFC 3986 pchar and '/': what {@code PathStringHelper.IsValidPathChar} allows. */
    private static boolean isPathChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-._~!$&'()*+,;=:@/".indexOf(c) >= 0;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isAsciiWithoutNul(String target) {
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == 0 || c > 0x7F) {
                return false;
            }
        }
        return true;
    }

    /** RFC 3986 section 5.2.4 on an absolute path, as {@code PathNormalizer.RemoveDotSegments} applies it. */
    static String removeDotSegments(String path) {
        if (!path.contains("/.")) {
            return path;
        }
        StringBuilder output = new StringBuilder(path.length());
        String input = path;
        while (!input.isEmpty()) {
            if (input.startsWith("/./")) {
                input = input.substring(2);
            } else if (input.equals("/.")) {
                input = "/";
            } else if (input.startsWith("/../") || input.equals("/..")) {
                input = "/" + input.substring(input.startsWith("/../") ? 4 : 3);
                int lastSlash = output.lastIndexOf("/");
                output.setLength(Math.max(lastSlash, 0));
            } else {
                int next = input.indexOf('/', 1);
                int end = next < 0 ? input.length() : next;
                output.append(input, 0, end);
                input = input.substring(end);
            }
        }
        return output.length() == 0 ? "/" : output.toString();
    }
}
