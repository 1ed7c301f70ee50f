package io.amlcompute.provisioner.bench;

import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.durabletask.DurableTaskClient;
import com.microsoft.durabletask.DurableTaskGrpcClientBuilder;
import com.microsoft.durabletask.OrchestrationRuntimeStatus;
import com.microsoft.durabletask.OrchestrationStatusQuery;
import com.microsoft.durabletask.OrchestrationStatusQueryResult;
import io.amlcompute.provisioner.config.EntityNames;
import io.amlcompute.provisioner.contract.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Footprint: the size of the deployable folder, how long a fresh JVM running the whole local stack takes to
 * process its first message, and its resident memory with many orchestrations in flight. The stack runs in a
 * child JVM (default JVM options) so its memory is its own.
 */
final class FootprintBenchmark {

    record Result(long deployableBytes, double secondsToEndpoints, double secondsToFirstEvent, long rssIdleBytes,
                  int inFlight, long rssInFlightBytes) {
    }

    static Result run(int inFlight) throws Exception {
        long deployable = folderSize(Path.of("target", "azure-functions", "aml-compute-provisioner"));
        Path stderr = Files.createTempFile("localstack", ".log");
        long start = System.nanoTime();
        Process stack = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.amlcompute.provisioner.local.LocalStack",
                "--provisioning-time", "PT1H")
                .redirectError(stderr.toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(stack.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (line == null) {
                throw new IllegalStateException("the stack printed nothing; see " + stderr);
            }
            double toEndpoints = (System.nanoTime() - start) / 1e9;
            JsonNode endpoints = Json.MAPPER.readTree(line);
            String connection = endpoints.path("serviceBusConnectionString").asText();
            double toFirstEvent;
            try (EventCollector events = new EventCollector(connection);
                 ServiceBusSenderClient sender = new ServiceBusClientBuilder().connectionString(connection).sender()
                         .queueName(EntityNames.REQUESTS_QUEUE).buildClient()) {
                sender.sendMessage(new ServiceBusMessage("{\"not\": \"a request\"}").setMessageId("first"));
                events.awaitDistinct(1, Duration.ofMinutes(2));
                toFirstEvent = (System.nanoTime() - start) / 1e9;
                long idle = rss(stack.pid());
                sendEnsures(sender, inFlight);
                waitUntilRunning(endpoints.path("durablePort").asInt(), inFlight, Duration.ofMinutes(10));
                return new Result(deployable, toEndpoints, toFirstEvent, idle, inFlight, rss(stack.pid()));
            }
        } finally {
            stack.destroy();
            stack.waitFor();
            Files.deleteIfExists(stderr);
        }
    }

    private static void sendEnsures(ServiceBusSenderClient sender, int count) throws IOException {
        String template = Files.readString(Path.of("samples", "requests", "ensure-amlcompute.json"));
        List<ServiceBusMessage> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String requestId = "inflight-" + i;
            batch.add(new ServiceBusMessage(template.replace("demo-ensure-aml-cluster-001", requestId)
                    .replace("\"aml-cluster\"", "\"cluster" + EndToEndBenchmark.letters(i) + "\""))
                    .setMessageId(requestId));
            if (batch.size() == 100) {
                sender.sendMessages(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            sender.sendMessages(batch);
        }
    }

    /** Waits until {@code expected} orchestrations are running (they wait for ARM on durable timers). */
    private static void waitUntilRunning(int durablePort, int expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (DurableTaskClient client = new DurableTaskGrpcClientBuilder().port(durablePort).build()) {
            while (System.nanoTime() < deadline) {
                if (countRunning(client) >= expected) {
                    // Let the last turns settle before the reading.
                    Thread.sleep(2_000);
                    return;
                }
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException("fewer than " + expected + " orchestrations running after " + timeout);
    }

    private static int countRunning(DurableTaskClient client) {
        int running = 0;
        String token = null;
        do {
            OrchestrationStatusQuery query = new OrchestrationStatusQuery()
                    .setRuntimeStatusList(List.of(OrchestrationRuntimeStatus.RUNNING)).setMaxInstanceCount(500);
            if (token != null) {
                query.setContinuationToken(token);
            }
            OrchestrationStatusQueryResult page = client.queryInstances(query);
            running += page.getOrchestrationState().size();
            token = page.getContinuationToken();
        } while (token != null && !token.isEmpty());
        return running;
    }

    /** Resident set size of a process, from /proc (Linux). */
    static long rss(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    private static long folderSize(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return -1;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private FootprintBenchmark() {
    }
}
