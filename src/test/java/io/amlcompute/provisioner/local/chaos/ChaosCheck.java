package io.amlcompute.provisioner.local.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.contract.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Compares what a chaos run should have produced with what was observed; every difference is one problem line. */
final class ChaosCheck {

    /** The inline password of the invalid sample: rejected, and never repeated anywhere. */
    private static final String INLINE_PASSWORD = "P@ssw0rd!";

    private ChaosCheck() {
    }

    static ChaosReport check(ChaosPlan plan, ChaosReport.Observed observed, List<Path> outputs,
                             List<Integer> inFlightAtKills, int stackStarts, boolean stoppedCleanly,
                             Duration doneAfter, Duration elapsed) {
        List<String> problems = new ArrayList<>();
        for (ChaosPlan.Planned request : plan.requests()) {
            List<ChaosReport.SeenEvent> events = observed.events().getOrDefault(request.requestId(), List.of());
            if (events.size() != 1) {
                problems.add(request.requestId() + " (" + request.kind() + "): " + events.size()
                        + " events, expected 1: " + events.stream().map(e -> e.type() + "/" + e.outcome()).toList());
            } else if (!events.get(0).type().equals(request.kind().eventType)
                    || !Objects.equals(events.get(0).outcome(), request.kind().outcome)) {
                problems.add(request.requestId() + " (" + request.kind() + "): " + events.get(0).type() + "/"
                        + events.get(0).outcome() + ", expected " + request.kind().eventType + "/"
                        + request.kind().outcome);
            }
            String status = observed.statuses().get(request.requestId());
            String expectedStatus = request.kind() == ChaosPlan.Kind.INVALID ? "404" : "COMPLETED";
            if (!expectedStatus.equals(status)) {
                problems.add(request.requestId() + ": the status API says " + status + ", expected " + expectedStatus);
            }
            if (request.replySession() != null) {
                int replies = observed.replies().getOrDefault(request.replySession(), List.of()).size();
                if (replies != 1) {
                    problems.add(request.requestId() + ": " + replies + " replies on its session, expected 1");
                }
            }
        }
        Set<String> planned = plan.requests().stream().map(ChaosPlan.Planned::requestId).collect(Collectors.toSet());
        observed.events().keySet().stream().filter(id -> !planned.contains(id))
                .forEach(id -> problems.add("an event for a request never sent: " + id));
        observed.deadLetters().forEach(line -> problems.add("dead-lettered: " + line));
        problems.addAll(computeProblems(plan, observed.computes()));
        problems.addAll(secretProblems(observed, outputs));
        if (!stoppedCleanly) {
            problems.add("the last stack did not stop within 30 s of SIGTERM");
        }
        int events = observed.events().values().stream().mapToInt(List::size).sum();
        int replies = observed.replies().values().stream().mapToInt(List::size).sum();
        long computes = observed.computes().stream().filter(name -> plannedComputes(plan).contains(name)).count();
        return new ChaosReport(plan.requests().size(), plan.sends().size(), inFlightAtKills, stackStarts, events,
                replies, (int) computes, doneAfter, elapsed, problems);
    }

    /**
     * How many requests had started (log line {@code event=request.started}) and not completed
     * ({@code event=request.completed}) in the stack outputs so far: the work a kill now interrupts.
     */
    static int inFlight(List<Path> stderrs) {
        Set<String> started = new TreeSet<>();
        Set<String> completed = new TreeSet<>();
        for (Path stderr : stderrs) {
            for (String line : read(stderr).split("\n")) {
                String requestId = requestIdOf(line);
                if (requestId != null && line.contains(" event=request.started ")) {
                    started.add(requestId);
                } else if (requestId != null && line.contains(" event=request.completed ")) {
                    completed.add(requestId);
                }
            }
        }
        started.removeAll(completed);
        return started.size();
    }

    private static String requestIdOf(String line) {
        int at = line.indexOf(" requestId=");
        if (at < 0) {
            return null;
        }
        int end = line.indexOf(' ', at + 11);
        return line.substring(at + 11, end < 0 ? line.length() : end);
    }

    /** Every compute of a valid request listed exactly once; none of this run's prefix that no request asked for. */
    private static List<String> computeProblems(ChaosPlan plan, List<String> listed) {
        List<String> problems = new ArrayList<>();
        Set<String> expected = plannedComputes(plan);
        Map<String, Integer> counts = new HashMap<>();
        listed.forEach(name -> counts.merge(name, 1, Integer::sum));
        for (String name : expected) {
            int count = counts.getOrDefault(name, 0);
            if (count != 1) {
                problems.add("compute " + name + " listed " + count + " times, expected once");
            }
        }
        String prefix = plan.requests().stream().map(ChaosPlan.Planned::computeName).filter(Objects::nonNull)
                .findFirst().map(name -> name.substring(0, "chaos".length() + 3)).orElse("chaos");
        counts.keySet().stream().filter(name -> name.startsWith(prefix) && !expected.contains(name))
                .forEach(name -> problems.add("compute " + name + " exists but no request asked for it"));
        return problems;
    }

    private static Set<String> plannedComputes(ChaosPlan plan) {
        return plan.requests().stream().map(ChaosPlan.Planned::computeName).filter(Objects::nonNull)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** No secret value of the local store, nor the invalid sample's inline password, in any log, event or reply. */
    private static List<String> secretProblems(ChaosReport.Observed observed, List<Path> outputs) {
        List<String> secrets = secretValues();
        List<String> problems = new ArrayList<>();
        for (Path output : outputs) {
            String text = read(output);
            secrets.stream().filter(text::contains)
                    .forEach(secret -> problems.add("a secret in " + output.getFileName() + ": " + mask(secret)));
        }
        observed.events().values().stream().flatMap(List::stream).forEach(event -> secrets.stream()
                .filter(event.body()::contains)
                .forEach(secret -> problems.add("a secret in an event: " + mask(secret))));
        observed.replies().values().stream().flatMap(List::stream).forEach(reply -> secrets.stream()
                .filter(reply::contains).forEach(secret -> problems.add("a secret in a reply: " + mask(secret))));
        return problems;
    }

    private static List<String> secretValues() {
        List<String> values = new ArrayList<>(List.of(INLINE_PASSWORD));
        try {
            JsonNode store = Json.MAPPER.readTree(Files.readString(Path.of("samples", "local-secrets.json")));
            store.fields().forEachRemaining(field -> {
                if (!field.getKey().startsWith("_")) {
                    values.add(field.getValue().asText());
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return values;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String mask(String secret) {
        return secret.substring(0, Math.min(4, secret.length())) + "…";
    }
}
