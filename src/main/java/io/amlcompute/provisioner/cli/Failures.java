package io.amlcompute.provisioner.cli;

import java.util.LinkedHashSet;
import java.util.Set;

/** Turns an exception into one line a person can act on: its message and its causes', without stack traces. */
final class Failures {

    private static final int MAX_LENGTH = 400;

    private Failures() {
    }

    static String describe(Throwable e) {
        Set<String> parts = new LinkedHashSet<>();
        for (Throwable t = e; t != null && parts.size() < 3; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            String part = message == null || message.isBlank() ? t.getClass().getSimpleName() : firstLine(message);
            if (parts.stream().noneMatch(p -> p.contains(part))) {
                parts.add(part);
            }
        }
        String line = String.join(": ", parts);
        return line.length() > MAX_LENGTH ? line.substring(0, MAX_LENGTH) + "…" : line;
    }

    private static String firstLine(String message) {
        // Reactor's words when the SDK's try timeout passes; say it in the CLI's terms.
        if (message.contains("Timeout on blocking read") || message.contains("Did not observe any item")) {
            return "no answer within --operation-timeout";
        }
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).trim();
    }
}
