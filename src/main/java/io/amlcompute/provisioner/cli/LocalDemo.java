package io.amlcompute.provisioner.cli;

import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlcompute.provisioner.config.EntityNames;
import io.amlcompute.provisioner.config.Settings;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.events.ServiceBusClients;
import io.amlcompute.provisioner.local.LocalStack;
import io.amlcompute.provisioner.provisioning.Progress;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code computectl local --demo}: the samples through the running stack, the way a producer sends them. Each
 * request goes to the requests queue with a reply session of its own; the demo shows progress from the status
 * API, prints each completion event as it arrives (stdout), then a summary table (stderr). It passes only when
 * every event is the expected one.
 *
 * <p>Request ids and compute names carry a tag of this run, so the demo also works on a stack with a data
 * directory that has seen earlier runs.
 */
final class LocalDemo {

    /**
     * One step of the demo: a sample, what it becomes, and what must come back.
     *
     * @param after the title of the scenario whose event this one waits for before it is sent (it works on what that one
     *              made), or null to send it at once
     */
    record Scenario(String title, String sample, String requestKey, String computeKey, String expectedType,
                    String expectedOutcome, String after) {
    }

    static final List<Scenario> SCENARIOS = List.of(
            new Scenario("create a cluster", "ensure-amlcompute.json", "ensure", "aml-cluster",
                    "io.amlcompute.compute.ready", "created", null),
            new Scenario("the same cluster again", "ensure-amlcompute.json", "ensure-again", "aml-cluster",
                    "io.amlcompute.compute.ready", "existing", "create a cluster"),
            new Scenario("attach Databricks", "attach-databricks.json", "attach-databricks", "db-cluster",
                    "io.amlcompute.compute.ready", "attached", null),
            new Scenario("attach a VM", "attach-virtualmachine.json", "attach-vm", "vm-compute",
                    "io.amlcompute.compute.ready", "attached", null),
            new Scenario("a bad request", "invalid-request.json", "invalid", null,
                    "io.amlcompute.request.rejected", "rejected", null),
            new Scenario("create an instance", "ensure-computeinstance.json", "instance", "ci-alice",
                    "io.amlcompute.compute.ready", "created", null),
            new Scenario("stop the instance", "stop-computeinstance.json", "instance-stop", "ci-alice",
                    "io.amlcompute.compute.ready", "stopped", "create an instance"),
            new Scenario("start it again", "start-computeinstance.json", "instance-start", "ci-alice",
                    "io.amlcompute.compute.ready", "started", "stop the instance"));

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(3);

    private final LocalStack stack;
    private final Path samples;
    private final PrintWriter out;
    private final PrintWriter err;
    private final String tag = tag();
    private final Map<String, String> lastProgress = new ConcurrentHashMap<>();

    LocalDemo(LocalStack stack, Path samples, PrintWriter out, PrintWriter err) {
        this.stack = stack;
        this.samples = samples;
        this.out = out;
        this.err = err;
    }

    /** Runs every scenario; true when each ended as expected within {@code timeout}. */
    boolean run(Duration timeout) throws IOException, InterruptedException {
        ServiceBusClientBuilder builder = ServiceBusClients.builder(Settings.of(Map.of(
                "ServiceBusConnection", stack.serviceBusConnectionString())));
        // The demo reads the status API itself, for every request at once (awaitWithProgress).
        CompletionWaiter waiter = new CompletionWaiter(builder, err, java.time.Clock.systemUTC(),
                new WaitProgress.Source.None(null));
        StatusClient status = new StatusClient(stack.statusApiBaseUrl().toString(), stack.functionKey(),
                Duration.ofSeconds(5));
        long start = System.nanoTime();
        List<Outcome> outcomes = new ArrayList<>();
        ExecutorService waits = Executors.newFixedThreadPool(SCENARIOS.size());
        try (ServiceBusSenderClient sender = builder.sender().queueName(EntityNames.REQUESTS_QUEUE).buildClient()) {
            // Scenarios that work on what another made ("the same cluster again", the instance's stop and start) go
            // once that one's event is in; the others go at once.
            Map<String, Future<Outcome>> sent = new java.util.LinkedHashMap<>();
            for (Scenario scenario : SCENARIOS) {
                if (scenario.after() == null) {
                    sent.put(scenario.title(), send(scenario, sender, waiter, waits, timeout, start));
                }
            }
            for (Scenario scenario : SCENARIOS) {
                if (!sent.containsKey(scenario.title())) {
                    sent.put(scenario.title(), send(scenario, sender, waiter, waits, timeout, start));
                }
                Outcome outcome = awaitWithProgress(sent.get(scenario.title()), status);
                outcomes.add(outcome);
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(Failures.describe(e.getCause()), e.getCause());
        } finally {
            waits.shutdownNow();
        }
        printSummary(outcomes, (System.nanoTime() - start) / 1e9);
        return outcomes.stream().allMatch(Outcome::ok);
    }

    private Future<Outcome> send(Scenario scenario, ServiceBusSenderClient sender, CompletionWaiter waiter,
                                 ExecutorService waits, Duration timeout, long start) throws IOException {
        String requestId = "demo-" + scenario.requestKey() + "-" + tag;
        ObjectNode body = (ObjectNode) Json.MAPPER.readTree(Files.readString(samples.resolve(scenario.sample())));
        body.put("requestId", requestId);
        if (scenario.computeKey() != null) {
            ((ObjectNode) body.get("compute")).put("name", scenario.computeKey() + "-" + tag);
        }
        RequestMessage message = new RequestMessage(body.toString(), requestId, requestId,
                EntityNames.REPLIES_QUEUE, requestId);
        sender.sendMessage(message.toServiceBusMessage());
        err.println("demo: sent   " + pad(scenario.title()) + " requestId=" + requestId);
        err.flush();
        return waits.submit(() -> {
            Optional<ReceivedEvent> event = waiter.onReplySession(EntityNames.REPLIES_QUEUE, requestId, requestId,
                    timeout);
            double seconds = (System.nanoTime() - start) / 1e9;
            event.ifPresent(this::printEvent);
            return new Outcome(scenario, requestId, event, seconds);
        });
    }

    /** Waits for one scenario, printing the status API's view of every unfinished request meanwhile. */
    private Outcome awaitWithProgress(Future<Outcome> future, StatusClient status)
            throws InterruptedException, java.util.concurrent.ExecutionException {
        while (true) {
            try {
                return future.get(PROGRESS_EVERY.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException stillRunning) {
                reportProgress(status);
            }
        }
    }

    private void reportProgress(StatusClient status) throws InterruptedException {
        for (Scenario scenario : SCENARIOS) {
            String requestId = "demo-" + scenario.requestKey() + "-" + tag;
            try {
                StatusClient.Answer answer = status.get(requestId);
                if (answer.status() != 200) {
                    continue;
                }
                JsonNode view = Json.MAPPER.readTree(answer.body());
                if (view.has("event") || !view.has("progress")) {
                    continue;
                }
                Progress progress = Json.MAPPER.treeToValue(view.get("progress"), Progress.class);
                String line = ProgressLine.describe(progress, Instant.now());
                if (!line.equals(lastProgress.put(requestId, line))) {
                    err.println("demo: " + pad(scenario.title()) + " " + line);
                    err.flush();
                }
            } catch (IOException e) {
                // Progress is a courtesy; the reply session decides the outcome.
            }
        }
    }

    private synchronized void printEvent(ReceivedEvent event) {
        out.println(event.toJsonLine());
        out.flush();
    }

    private void printSummary(List<Outcome> outcomes, double seconds) {
        err.println();
        err.println(String.format(Locale.ROOT, "%-24s %-42s %-18s %-18s %8s  %s", "scenario", "requestId",
                "expected", "got", "seconds", "ok"));
        for (Outcome o : outcomes) {
            err.println(String.format(Locale.ROOT, "%-24s %-42s %-18s %-18s %8.1f  %s", o.scenario().title(),
                    o.requestId(), EventOutput.shortType(o.scenario().expectedType()) + "/" + o.scenario().expectedOutcome(),
                    o.got(), o.seconds(), o.ok() ? "yes" : "NO"));
        }
        long passed = outcomes.stream().filter(Outcome::ok).count();
        err.println(String.format(Locale.ROOT, "demo: %d of %d as expected in %.1f s", passed, outcomes.size(),
                seconds));
        err.flush();
    }

    private static String pad(String title) {
        return String.format(Locale.ROOT, "%-24s", title);
    }

    /** Four letters: compute names may not end in "-digits". */
    private static String tag() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return s.toString();
    }

    /** How one scenario ended. */
    record Outcome(Scenario scenario, String requestId, Optional<ReceivedEvent> event, double seconds) {

        String got() {
            return event.map(e -> EventOutput.shortType(e.type()) + "/"
                    + e.json().path("data").path("outcome").asText("-")).orElse("no event");
        }

        boolean ok() {
            return event.isPresent() && scenario.expectedType().equals(event.get().type())
                    && scenario.expectedOutcome().equals(event.get().json().path("data").path("outcome").asText());
        }
    }
}
