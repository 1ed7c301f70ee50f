package io.amlcompute.provisioner.cli;

import picocli.CommandLine;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code watch --filter key=value ...}: which events to print, matched on the same Service Bus application
 * properties that subscription correlation filters use. Every term must match. {@code eventType} also takes the
 * short type ({@code ready} for {@code io.amlcompute.compute.ready}, {@code expired} or {@code lease.expired} for
 * {@code io.amlcompute.lease.expired}), and {@code workspace} ignores case, as the published property is lower case.
 * {@code leaseId} is on lease events, on the answers to renew and release, and on a leased ready event: every event
 * of one lease.
 */
record EventFilter(List<Term> terms) {

    /** The application properties every event carries (see {@code ComputeEvent.applicationProperties}). */
    static final Set<String> KEYS = Set.of("eventType", "requestId", "correlationId", "action", "workspace",
            "computeName", "computeType", "outcome", "leaseId");

    EventFilter {
        terms = terms == null ? List.of() : List.copyOf(terms);
    }

    boolean matches(ReceivedEvent event) {
        return terms.stream().allMatch(term -> term.matches(event.properties().get(term.key())));
    }

    record Term(String key, String value) {
        boolean matches(Object actual) {
            if (actual == null) {
                return false;
            }
            String text = actual.toString();
            return switch (key) {
                case "eventType" -> text.equals(value) || text.endsWith("." + value);
                case "workspace" -> text.equalsIgnoreCase(value);
                default -> text.equals(value);
            };
        }
    }

    /** Reads {@code key=value}; an unknown key is a usage error that lists the known ones. */
    static final class TermConverter implements CommandLine.ITypeConverter<Term> {
        @Override
        public Term convert(String text) {
            int equals = text.indexOf('=');
            if (equals <= 0 || equals == text.length() - 1) {
                throw new CommandLine.TypeConversionException("'" + text + "' is not key=value");
            }
            String key = text.substring(0, equals).trim();
            String canonical = KEYS.stream().filter(k -> k.equalsIgnoreCase(key)).findFirst()
                    .orElse("type".equals(key.toLowerCase(Locale.ROOT)) ? "eventType" : null);
            if (canonical == null) {
                throw new CommandLine.TypeConversionException("'" + key + "' is not a filter key; use one of "
                        + String.join(", ", KEYS.stream().sorted().toList()));
            }
            return new Term(canonical, text.substring(equals + 1).trim());
        }
    }
}
