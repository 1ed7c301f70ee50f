package io.amlcompute.provisioner.local.host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP trigger's route, as the Functions host matches it: literal segments (case-insensitive), parameters
 * {@code {name}}, an optional last parameter {@code {name?}} and a catch-all last parameter {@code {*name}}.
 * Inline constraints such as {@code {id:int}} are accepted and not enforced.
 */
record RouteTemplate(String template, List<Segment> segments) {

    RouteTemplate {
        segments = List.copyOf(segments);
    }

    /** One path segment of the template. */
    sealed interface Segment {
        record Literal(String text) implements Segment {
        }

        record Parameter(String name, boolean optional, boolean catchAll) implements Segment {
        }
    }

    static RouteTemplate parse(String template) {
        String trimmed = template.strip();
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        List<Segment> segments = new ArrayList<>();
        String[] parts = trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean last = i == parts.length - 1;
            if (part.startsWith("{") && part.endsWith("}")) {
                segments.add(parameter(template, part.substring(1, part.length() - 1), last));
            } else if (part.contains("{") || part.contains("}") || part.isEmpty()) {
                throw new IllegalArgumentException("route '" + template + "': segment '" + part
                        + "' is not supported by the local host (use whole-segment parameters)");
            } else {
                segments.add(new Segment.Literal(part));
            }
        }
        return new RouteTemplate(trimmed, segments);
    }

    private static Segment.Parameter parameter(String template, String body, boolean last) {
        boolean catchAll = body.startsWith("*");
        String name = catchAll ? body.substring(1) : body;
        int constraint = name.indexOf(':');
        if (constraint >= 0) {
            name = name.substring(0, constraint);
        }
        boolean optional = name.endsWith("?") || body.endsWith("?");
        name = name.replace("?", "");
        if (name.isEmpty() || ((optional || catchAll) && !last)) {
            throw new IllegalArgumentException("route '" + template + "': parameter '{" + body
                    + "}' is not valid here");
        }
        return new Segment.Parameter(name, optional, catchAll);
    }

    /**
     * The route values when this template matches the request's decoded path below the route prefix (without its
     * leading slash), or empty. As ASP.NET Core's routing matches ({@code RoutePatternMatcher.TryMatch},
     * {@code PathTokenizer}, dotnet/aspnetcore@04bdf9943cadc3f9010679634d0c9c63805a7678 and
     * @2729878a5fd00f3a81131aeccd826930eb674689): the path is already decoded by Kestrel and is <b>not decoded
     * again</b> (a value keeps {@code %2F} or a malformed escape as sent); one trailing slash is ignored; an empty
     * segment matches nothing; literals compare ignoring case; a catch-all takes the rest of the path as it is, and
     * no value when nothing is left.
     */
    Optional<Map<String, String>> match(String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        String[] parts = trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
        Map<String, String> values = new LinkedHashMap<>();
        int offset = 0;
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            if (i < parts.length && parts[i].isEmpty()) {
                return Optional.empty();
            }
            if (segment instanceof Segment.Parameter parameter && parameter.catchAll()) {
                if (i < parts.length) {
                    values.put(parameter.name(), path.substring(offset));
                }
                return Optional.of(values);
            }
            if (i >= parts.length) {
                if (segment instanceof Segment.Parameter parameter && parameter.optional()) {
                    return Optional.of(values);
                }
                return Optional.empty();
            }
            String part = parts[i];
            if (segment instanceof Segment.Literal literal) {
                if (!literal.text().equalsIgnoreCase(part)) {
                    return Optional.empty();
                }
            } else if (segment instanceof Segment.Parameter parameter) {
                values.put(parameter.name(), part);
            }
            offset += part.length() + 1;
        }
        return parts.length == segments.size() ? Optional.of(values) : Optional.empty();
    }
}
