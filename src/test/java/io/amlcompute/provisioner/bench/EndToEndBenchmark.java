package io.amlcompute.provisioner.bench;

import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusMessageBatch;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import io.amlcompute.provisioner.config.EntityNames;
import io.amlcompute.provisioner.local.LocalStack;
import io.amlcompute.provisioner.local.LocalStackOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * End to end on the local stack with zero provisioning time: requests are sent to the queue as fast as the
 * official client sends batches, and each one's latency runs from its send to the arrival of its completion
 * event on the topic. Throughput is requests completed per second from the first send to the last event.
 */
final class EndToEndBenchmark {

    record Result(int requests, int completed, double requestsPerSecond, double p50Millis, double p99Millis,
                  double maxMillis, Map<String, Integer> eventTypes) {
    }

    static Result run(int requests) throws Exception {
        try (LocalStack stack = LocalStack.start(LocalStackOptions.defaults().withProvisioningTime(Duration.ZERO));
             EventCollector events = new EventCollector(stack.serviceBusConnectionString());
             ServiceBusSenderClient sender = new ServiceBusClientBuilder()
                     .connectionString(stack.serviceBusConnectionString()).sender()
                     .queueName(EntityNames.REQUESTS_QUEUE).buildClient()) {
            String template = Files.readString(Path.of("samples", "requests", "ensure-amlcompute.json"));
            Map<String, Long> sentAt = new ConcurrentHashMap<>();
            long first = System.nanoTime();
            ServiceBusMessageBatch batch = sender.createMessageBatch();
            List<String> inBatch = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                String requestId = "e2e-" + i;
                String body = template.replace("demo-ensure-aml-cluster-001", requestId)
                        .replace("\"aml-cluster\"", "\"cluster" + letters(i) + "\"");
                ServiceBusMessage message = new ServiceBusMessage(body).setMessageId(requestId)
                        .setContentType("application/json");
                if (!batch.tryAddMessage(message)) {
                    send(sender, batch, inBatch, sentAt);
                    batch = sender.createMessageBatch();
                    batch.tryAddMessage(message);
                }
                inBatch.add(requestId);
            }
            send(sender, batch, inBatch, sentAt);
            events.awaitDistinct(requests, Duration.ofMinutes(10));
            long last = events.arrivals().values().stream().mapToLong(EventCollector.Arrival::nanos).max().orElse(first);
            double[] latencies = events.arrivals().entrySet().stream()
                    .filter(e -> sentAt.containsKey(e.getKey()))
                    .mapToDouble(e -> (e.getValue().nanos() - sentAt.get(e.getKey())) / 1e6).sorted().toArray();
            Map<String, Integer> types = new java.util.TreeMap<>();
            events.arrivals().values().forEach(a -> types.merge(a.type(), 1, Integer::sum));
            double seconds = (last - first) / 1e9;
            return new Result(requests, events.arrivals().size(), events.arrivals().size() / seconds,
                    percentile(latencies, 0.50), percentile(latencies, 0.99),
                    latencies.length == 0 ? 0 : latencies[latencies.length - 1], types);
        }
    }

    /** Sends a batch and stamps each of its requests with the send time. */
    private static void send(ServiceBusSenderClient sender, ServiceBusMessageBatch batch, List<String> inBatch,
                             Map<String, Long> sentAt) {
        if (batch.getCount() == 0) {
            return;
        }
        long now = System.nanoTime();
        inBatch.forEach(id -> sentAt.put(id, now));
        sender.sendMessages(batch);
        inBatch.clear();
    }

    /** A compute-name suffix of letters only: names may not end in "-digits". */
    static String letters(int i) {
        StringBuilder s = new StringBuilder();
        int n = i;
        do {
            s.append((char) ('a' + n % 26));
            n /= 26;
        } while (n > 0);
        return s.toString();
    }

    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }

    private EndToEndBenchmark() {
    }

    static {
        // Keep the app's own INFO logs (one line per request and activity) from dominating the measurement.
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        Arrays.stream(java.util.logging.Logger.getLogger("").getHandlers())
                .forEach(h -> h.setLevel(java.util.logging.Level.WARNING));
    }
}
