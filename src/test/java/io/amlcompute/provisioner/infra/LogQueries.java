package io.amlcompute.provisioner.infra;

import com.microsoft.azure.functions.annotation.FunctionName;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.amlcompute.provisioner.contract.event.EventType;
import io.amlcompute.provisioner.functions.RequestLogEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The names the monitoring queries in {@code infra/app/queries/} use, and what they are allowed to be: fields and
 * events of the app's log lines ({@link RequestLogEvent}), event types of the contract ({@link EventType}), the app's
 * function names ({@code @FunctionName}), and the Durable extension's tracking dimensions.
 *
 * <p>Queries read app fields only through {@code extract(@"\bfield=…")} (or {@code ^event=}), compare the event with
 * {@code event == / != / in}, and function names with {@code name}, {@code operation_Name} or {@code functionName}:
 * a query that reads a field any other way is refused too, so nothing slips past the check.
 */
final class LogQueries {

    static final Path DIRECTORY = Infra.root().resolve("infra/app/queries");

    /**
     * Dimensions of the Durable extension's tracking events: Category "Host.Triggers.DurableTask", and
     * prop__functionName, prop__instanceId, prop__state (learn.microsoft.com/azure/azure-functions/durable/
     * durable-functions-diagnostics, "Single instance query").
     */
    static final Set<String> DURABLE_TRACKING_DIMENSIONS = Set.of("Category", "prop__functionName",
            "prop__instanceId", "prop__state");
    static final String DURABLE_TRACKING_CATEGORY = "Host.Triggers.DurableTask";
    /** Tracking states: Scheduled, Started, Completed, Failed, ... (same page, "Tracking data"). */
    static final Set<String> DURABLE_TRACKING_STATES = Set.of("Scheduled", "Started", "Completed", "Failed",
            "Terminated", "Awaited", "Listening", "ExternalEventRaised");

    private static final Pattern EXTRACTED_FIELD = Pattern.compile("extract\\(@[\"'](?:\\^|\\\\b)(\\w+)=");
    /** Any {@code name=} inside a regex literal: an app field read some other way would show up here. */
    private static final Pattern FIELD_IN_REGEX = Pattern.compile("@[\"'][^\"']*?(?:\\\\b)?([A-Za-z_]\\w*)=");
    // A comparison: `x == "a"`, `x != "a"` (one literal) or `x in ("a", "b")` (the list up to its parenthesis).
    private static final String COMPARED = "\\s*(?:(?:==|!=)\\s*(\"[^\"]*\")|in\\s*\\(([^)]*)\\))";
    private static final Pattern EVENT_COMPARISON = Pattern.compile("\\bevent" + COMPARED);
    private static final Pattern FUNCTION_COMPARISON = Pattern.compile(
            "\\b(?:name|operation_Name|functionName)" + COMPARED);
    private static final Pattern STATE_COMPARISON = Pattern.compile("\\bstate" + COMPARED);
    private static final Pattern CATEGORY_COMPARISON = Pattern.compile("\\.Category\\s*==\\s*\"([^\"]*)\"");
    private static final Pattern EVENT_TYPE_LITERAL = Pattern.compile("\"(io\\.amlcompute\\.[^\"]*)\"");
    private static final Pattern DIMENSION = Pattern.compile("customDimensions(?:\\[\"(\\w+)\"]|\\.(\\w+))");
    private static final Pattern STRING = Pattern.compile("\"([^\"]*)\"");

    private LogQueries() {
    }

    /** One query file: its name and text. */
    record Query(String file, String text) {
    }

    static List<Query> all() {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            return files.filter(f -> f.toString().endsWith(".kql")).sorted()
                    .map(f -> new Query(f.getFileName().toString(), read(f))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every name in {@code query} that the app (or the host, for the app) does not write; empty when all are known. */
    static List<String> unknownNames(String query) {
        String code = withoutComments(query);
        List<String> unknown = new ArrayList<>();
        Set<String> fields = RequestLogEvent.allFields();
        for (String field : all(FIELD_IN_REGEX, code)) {
            if (!fields.contains(field)) {
                unknown.add("log field " + field);
            }
        }
        Set<String> extracted = all(EXTRACTED_FIELD, code);
        Set<String> inRegex = all(FIELD_IN_REGEX, code);
        if (!extracted.containsAll(inRegex)) {
            unknown.add("a field read other than by extract(@\"\\bfield=...\"): " + inRegex);
        }
        Set<String> events = Arrays.stream(RequestLogEvent.values()).map(RequestLogEvent::wireName)
                .collect(Collectors.toSet());
        strings(EVENT_COMPARISON, code).stream().filter(e -> !events.contains(e)).forEach(e -> unknown.add("event " + e));
        Set<String> eventTypes = Arrays.stream(EventType.values()).map(EventType::wireName).collect(Collectors.toSet());
        all(EVENT_TYPE_LITERAL, code).stream().filter(t -> !eventTypes.contains(t))
                .forEach(t -> unknown.add("event type " + t));
        Set<String> functions = functionNames();
        strings(FUNCTION_COMPARISON, code).stream().filter(f -> !functions.contains(f))
                .forEach(f -> unknown.add("function " + f));
        strings(STATE_COMPARISON, code).stream().filter(s -> !DURABLE_TRACKING_STATES.contains(s))
                .forEach(s -> unknown.add("Durable tracking state " + s));
        all(CATEGORY_COMPARISON, code).stream().filter(c -> !c.equals(DURABLE_TRACKING_CATEGORY))
                .forEach(c -> unknown.add("log category " + c));
        Matcher dimension = DIMENSION.matcher(code);
        while (dimension.find()) {
            String name = dimension.group(1) != null ? dimension.group(1) : dimension.group(2);
            if (!DURABLE_TRACKING_DIMENSIONS.contains(name)) {
                unknown.add("custom dimension " + name);
            }
        }
        return unknown;
    }

    private static Set<String> functionNames;

    /** The app's function names, from the {@code @FunctionName} annotations of its functions package. */
    static synchronized Set<String> functionNames() {
        if (functionNames == null) {
            functionNames = Set.copyOf(importFunctionNames());
        }
        return functionNames;
    }

    private static Set<String> importFunctionNames() {
        JavaClasses classes = new ClassFileImporter().importPackages("io.amlcompute.provisioner.functions");
        Set<String> names = new LinkedHashSet<>();
        classes.forEach(c -> c.getMethods().stream().filter(m -> m.isAnnotatedWith(FunctionName.class))
                .forEach(m -> names.add(m.getAnnotationOfType(FunctionName.class).value())));
        return names;
    }

    private static Set<String> all(Pattern pattern, String text) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** The string literals on the right-hand side of each comparison. */
    private static Set<String> strings(Pattern comparison, String text) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = comparison.matcher(text);
        while (m.find()) {
            found.addAll(all(STRING, m.group(1) != null ? m.group(1) : m.group(2)));
        }
        return found;
    }

    private static String withoutComments(String kql) {
        return Arrays.stream(kql.split("\n")).map(line -> line.replaceAll("^\\s*//.*$", ""))
                .collect(Collectors.joining("\n"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
