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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * {@code computectl local --demo}: the samples through the running stack, the way a producer sends them. Each
 * request goes to the requests queue with a reply session of its own; the demo shows progress from the status
 * API, prints each event as it arrives (stdout), then a summary table (stderr). It passes only when every event
 * is the expected one.
 *
 * <p>Besides one request per sample, three scenarios take several requests in a row: a cluster on a lease that is
 * renewed, released and deleted at the lease's end, an ensure cancelled while it waits ({@link LeaseAndCancelDemo}),
 * and a compute instance that is created, stopped and started again ({@link InstanceDemo}). They run beside the
 * others.
 *
 * <p>Request ids and compute names carry a tag of this run, so the demo also works on a stack with a data
 * directory that has seen earlier runs.
 */
final class LocalDemo {

    /**
     * One step of the demo: a sample, what it becomes, and what must come back.
     *
     * @param change what the step changes in the sample, if anything
     */
    record Scenario(String title, String sample, String requestKey, String computeKey, String expectedType,
                    String expectedOutcome, Consumer<ObjectNode> change) {

        Scenario(String title, String sample, String requestKey, String computeKey, String expectedType,
                 String expectedOutcome) {
            this(title, sample, requestKey, computeKey, expectedType, expectedOutcome, body -> {
            });
        }
    }

    /**
     * The ensure sample as a GPU cluster that needs two Standard_NC6 nodes (12 vCPUs) at once, in the demo region
     * where another team holds 18 of the NC family's 24 dedicated vCPUs ({@code DemoAzure}): the pre-flight refuses
     * it before anything is created, with the numbers.
     */
    private static void gpuClusterWithoutQuota(ObjectNode body) {
        ((ObjectNode) body.get("compute")).put("vmSize", "Standard_NC6");
        ((ObjectNode) body.get("options")).put("waitForNodes", 2);
    }

    static final List<Scenario> SCENARIOS = List.of(
            new Scenario("create a cluster", "ensure-amlcompute.json", "ensure", "aml-cluster",
                    "io.amlcompute.compute.ready", "created"),
            new Scenario("the same cluster again", "ensure-amlcompute.json", "ensure-again", "aml-cluster",
                    "io.amlcompute.compute.ready", "existing"),
            new Scenario("attach Databricks", "attach-databricks.json", "attach-databricks", "db-cluster",
                    "io.amlcompute.compute.ready", "attached"),
            new Scenario("attach a VM", "attach-virtualmachine.json", "attach-vm", "vm-compute",
                    "io.amlcompute.compute.ready", "attached"),
            new Scenario("a bad request", "invalid-request.json", "invalid", null,
                    "io.amlcompute.request.rejected", "rejected"),
            new Scenario("GPUs without quota", "ensure-amlcompute.json", "ensure-gpu", "gpu-cluster",
                    "io.amlcompute.compute.failed", "rejected", LocalDemo::gpuClusterWithoutQuota));

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
        List<DemoRow> rows = new ArrayList<>();
        // One thread per sample scenario, one per multi-request scenario, one for the cancelled ensure's own wait.
        ExecutorService waits = Executors.newFixedThreadPool(SCENARIOS.size() + 4);
        try (ServiceBusSenderClient sender = builder.sender().queueName(EntityNames.REQUESTS_QUEUE).buildClient()) {
            DemoTraffic traffic = new DemoTraffic(sender, waiter, samples, timeout, start, out, err);
            LeaseAndCancelDemo stories = new LeaseAndCancelDemo(traffic, status, waits, timeout, tag);
            Future<List<DemoRow>> lease = waits.submit(stories::lease);
            Future<List<DemoRow>> cancel = waits.submit(stories::cancel);
            Future<List<DemoRow>> instance = waits.submit(new InstanceDemo(traffic, tag)::run);
            // "The same cluster again" must find the cluster the first request created: it goes once that one is done.
            Future<DemoRow> first = send(SCENARIOS.get(0), traffic, waits);
            List<Future<DemoRow>> rest = new ArrayList<>();
            for (Scenario scenario : SCENARIOS.subList(2, SCENARIOS.size())) {
                rest.add(send(scenario, traffic, waits));
            }
            rows.add(awaitWithProgress(first, status, traffic));
            Future<DemoRow> again = send(SCENARIOS.get(1), traffic, waits);
            rows.add(awaitWithProgress(again, status, traffic));
            for (Future<DemoRow> future : rest) {
                rows.add(awaitWithProgress(future, status, traffic));
            }
            rows.addAll(awaitWithProgress(lease, status, traffic));
            rows.addAll(awaitWithProgress(cancel, status, traffic));
            rows.addAll(awaitWithProgress(instance, status, traffic));
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(Failures.describe(e.getCause()), e.getCause());
        } finally {
            waits.shutdownNow();
        }
        printSummary(rows, (System.nanoTime() - start) / 1e9);
        return rows.stream().allMatch(DemoRow::ok);
    }

    private Future<DemoRow> send(Scenario scenario, DemoTraffic traffic, ExecutorService waits) throws IOException {
        String requestId = "demo-" + scenario.requestKey() + "-" + tag;
        ObjectNode body = traffic.sample(scenario.sample());
        body.put("requestId", requestId);
        if (scenario.computeKey() != null) {
            ((ObjectNode) body.get("compute")).put("name", scenario.computeKey() + "-" + tag);
        }
        scenario.change().accept(body);
        traffic.send(scenario.title(), body, true);
        return waits.submit(() -> {
            DemoRow row = traffic.await(scenario.title(), requestId, AwaitedEvent.Answer.of(requestId),
                    scenario.expectedType(), scenario.expectedOutcome());
            row.event().ifPresent(e -> explainPreflight(scenario, e, traffic));
            return row;
        });
    }

    /** Waits for one scenario, printing the status API's view of every unfinished request meanwhile. */
    private <T> T awaitWithProgress(Future<T> future, StatusClient status, DemoTraffic traffic)
            throws InterruptedException, java.util.concurrent.ExecutionException {
        while (true) {
            try {
                return future.get(PROGRESS_EVERY.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException stillRunning) {
                reportProgress(status, traffic);
            }
        }
    }

    private void reportProgress(StatusClient status, DemoTraffic traffic) throws InterruptedException {
        for (Map.Entry<String, String> request : traffic.watched().entrySet()) {
            String requestId = request.getKey();
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
                    traffic.say(DemoTraffic.pad(request.getValue()) + " " + line);
                }
            } catch (IOException e) {
                // Progress is a courtesy; the reply session decides the outcome.
            }
        }
    }

    /** A request the pre-flight refused: its first finding, in words and numbers, for the people watching. */
    private static void explainPreflight(Scenario scenario, ReceivedEvent event, DemoTraffic traffic) {
        JsonNode data = event.json().path("data");
        JsonNode error = data.path("errors").path(0);
        if (!"rejected".equals(data.path("outcome").asText()) || !error.path("code").asText().startsWith("PREFLIGHT_")) {
            return;
        }
        JsonNode quota = error.path("quota");
        traffic.say(DemoTraffic.pad(scenario.title()) + " refused by pre-flight, nothing created: "
                + error.path("code").asText() + (quota.isMissingNode() ? "" : String.format(Locale.ROOT,
                " (needs %d vCPUs, %d of %d left in \"%s\")", quota.path("needed").asLong(),
                quota.path("available").asLong(), quota.path("limit").asLong(), quota.path("name").asText())));
    }

    private void printSummary(List<DemoRow> rows, double seconds) {
        synchronized (err) {
            err.println();
            err.println(String.format(Locale.ROOT, "%-28s %-42s %-22s %-22s %8s  %s", "scenario", "requestId",
                    "expected", "got", "seconds", "ok"));
            for (DemoRow row : rows) {
                err.println(String.format(Locale.ROOT, "%-28s %-42s %-22s %-22s %8.1f  %s", row.title(),
                        row.requestId(), row.expected(), row.got(), row.seconds(), row.ok() ? "yes" : "NO"));
            }
            long passed = rows.stream().filter(DemoRow::ok).count();
            err.println(String.format(Locale.ROOT, "demo: %d of %d as expected in %.1f s", passed, rows.size(),
                    seconds));
            err.flush();
        }
    }

    /** Four letters: compute names may not end in "-digits". */
    private static String tag() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return s.toString();
    }
}
