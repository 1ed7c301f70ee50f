package io.amlcompute.provisioner.bench;

import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusMessageBatch;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import io.amlcompute.provisioner.config.EntityNames;
import io.amlcompute.provisioner.local.LocalStack;
import io.amlcompute.provisioner.local.LocalStackOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * End to end on the local stack with zero provisioning time. Each request's latency runs from its send to the
 * arrival of its completion event on the topic (through the official processor client).
 *
 * <ul>
 *   <li><b>Burst</b>: all requests sent at once as Service Bus batches, so latency is mostly queueing; throughput is
 *       requests completed per second from the first send to the last event. Run twice, each on a fresh stack: first
 *       in a cold JVM (what a fresh {@code bin/bench} sees), then again in the same, now warmer, JVM.</li>
 *   <li><b>Paced</b>: the same number of requests sent one by one at a fixed rate, each rate on a fresh stack (so what
 *       the app learns about provisioning times in one run does not carry into the next), rates rising until one is
 *       not kept up with. A rate is kept up with when every request completed, events came out at 95 % of the rate or
 *       more, and latency did not grow while the run lasted: the median latency of the last fifth of the requests is
 *       at most 500 ms above that of the middle fifth (over the last 40 % of a run, a backlog grows by more than that
 *       once the rate is about 6 % over what the stack keeps up with). The first fifth is left out of both: the
 *       app's polling changes while it learns provisioning times from the first requests.</li>
 * </ul>
 */
final class EndToEndBenchmark {

    /** The burst size, and the paced rates tried, lowest first, with the number of requests sent at each. */
    record Plan(int burstRequests, List<Integer> pacedRates, int pacedRequests) {

        static Plan full() {
            return new Plan(1_000, List.of(25, 50, 75, 100, 125, 150, 200), 1_000);
        }

        static Plan tiny() {
            return new Plan(20, List.of(5, 10), 20);
        }
    }

    /** One measured run. {@code offeredPerSecond} is 0 for a burst; {@code keptUp} is always true for one. */
    record Run(String mode, int requests, double offeredPerSecond, int completed, double requestsPerSecond,
               double p50Millis, double p99Millis, double maxMillis, boolean keptUp, Map<String, Integer> eventTypes) {
    }

    /** {@code sustained} is the paced run at the highest rate kept up with, or null when none was. */
    record Result(Run coldBurst, Run warmBurst, List<Run> paced, Run sustained) {
    }

    static Result run(Plan plan) throws Exception {
        Run cold = burst("burst, cold JVM", plan.burstRequests());
        Run warm = burst("burst, warm JVM", plan.burstRequests());
        List<Run> paced = new ArrayList<>();
        Run sustained = null;
        for (int rate : plan.pacedRates()) {
            Run run = paced(rate, plan.pacedRequests());
            paced.add(run);
            if (!run.keptUp()) {
                break;
            }
            sustained = run;
        }
        return new Result(cold, warm, List.copyOf(paced), sustained);
    }

    private static Run burst(String mode, int requests) throws Exception {
        try (Session session = new Session()) {
            long first = System.nanoTime();
            ServiceBusMessageBatch batch = session.sender.createMessageBatch();
            List<String> inBatch = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                ServiceBusMessage message = session.message(i);
                if (!batch.tryAddMessage(message)) {
                    session.send(batch, inBatch);
                    batch = session.sender.createMessageBatch();
                    batch.tryAddMessage(message);
                }
                inBatch.add(message.getMessageId());
            }
            session.send(batch, inBatch);
            session.events.awaitDistinct(requests, Duration.ofMinutes(10));
            return session.measure(mode, requests, 0, first, true);
        }
    }

    private static Run paced(int perSecond, int requests) throws Exception {
        try (Session session = new Session()) {
            long first = System.nanoTime();
            for (int i = 0; i < requests; i++) {
                long due = first + TimeUnit.SECONDS.toNanos(i) / perSecond;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                ServiceBusMessage message = session.message(i);
                session.sentAt.put(message.getMessageId(), System.nanoTime());
                session.sender.sendMessage(message);
            }
            session.events.awaitDistinct(requests, Duration.ofMinutes(5));
            return session.measure("paced " + perSecond + "/s", requests, perSecond, first, false);
        }
    }

    /** A fresh stack, a sender on the requests queue, and a collector on the events topic. */
    private static final class Session implements AutoCloseable {
        final LocalStack stack;
        final EventCollector events;
        final ServiceBusSenderClient sender;
        final String template;
        final Map<String, Long> sentAt = new ConcurrentHashMap<>();

        Session() throws IOException {
            stack = LocalStack.start(LocalStackOptions.defaults().withProvisioningTime(Duration.ZERO));
            events = new EventCollector(stack.serviceBusConnectionString());
            sender = new ServiceBusClientBuilder().connectionString(stack.serviceBusConnectionString()).sender()
                    .queueName(EntityNames.REQUESTS_QUEUE).buildClient();
            template = Files.readString(Path.of("samples", "requests", "ensure-amlcompute.json"));
        }

        ServiceBusMessage message(int i) {
            String requestId = "e2e-" + i;
            String body = template.replace("demo-ensure-aml-cluster-001", requestId)
                    .replace("\"aml-cluster\"", "\"cluster" + letters(i) + "\"");
            return new ServiceBusMessage(body).setMessageId(requestId).setContentType("application/json");
        }

        /** Sends a batch and stamps each of its requests with the send time. */
        void send(ServiceBusMessageBatch batch, List<String> inBatch) {
            if (batch.getCount() == 0) {
                return;
            }
            long now = System.nanoTime();
            inBatch.forEach(id -> sentAt.put(id, now));
            sender.sendMessages(batch);
            inBatch.clear();
        }

        Run measure(String mode, int requests, double offered, long first, boolean burst) {
            Map<String, EventCollector.Arrival> arrivals = Map.copyOf(events.arrivals());
            long last = arrivals.values().stream().mapToLong(EventCollector.Arrival::nanos).max().orElse(first);
            double[] latencies = latenciesInSendOrder(arrivals);
            double[] sorted = latencies.clone();
            Arrays.sort(sorted);
            Map<String, Integer> types = new TreeMap<>();
            arrivals.values().forEach(a -> types.merge(a.type(), 1, Integer::sum));
            double throughput = throughput(arrivals, first, last, burst);
            boolean keptUp = burst || (arrivals.size() == requests && throughput >= 0.95 * offered
                    && notGrowing(latencies));
            return new Run(mode, requests, offered, arrivals.size(), throughput,
                    percentile(sorted, 0.50), percentile(sorted, 0.99),
                    sorted.length == 0 ? 0 : sorted[sorted.length - 1], keptUp, types);
        }

        /**
         * A burst: completions per second from the first send to the last event. Paced: events per second from the
         * arrival of the first fifth's last event to the last event, what comes out while requests go in at the rate
         * (the first fifth is left out for the same reason as in {@link #notGrowing}).
         */
        private static double throughput(Map<String, EventCollector.Arrival> arrivals, long firstSend, long lastEvent,
                                         boolean burst) {
            if (burst) {
                return arrivals.size() / Math.max(1e-9, (lastEvent - firstSend) / 1e9);
            }
            long[] times = arrivals.values().stream().mapToLong(EventCollector.Arrival::nanos).sorted().toArray();
            int from = times.length / 5;
            int intervals = times.length - 1 - from;
            return intervals < 1 ? 0 : intervals / Math.max(1e-9, (times[times.length - 1] - times[from]) / 1e9);
        }

        private double[] latenciesInSendOrder(Map<String, EventCollector.Arrival> arrivals) {
            return sentAt.entrySet().stream()
                    .filter(e -> arrivals.containsKey(e.getKey()))
                    .sorted(Map.Entry.comparingByValue())
                    .mapToDouble(e -> (arrivals.get(e.getKey()).nanos() - e.getValue()) / 1e6)
                    .toArray();
        }

        @Override
        public void close() {
            sender.close();
            events.close();
            stack.close();
        }
    }

    /** Latency did not build up: the last fifth's median is at most 500 ms above the middle fifth's. */
    static boolean notGrowing(double[] latenciesInSendOrder) {
        int fifth = latenciesInSendOrder.length / 5;
        if (fifth == 0) {
            return true;
        }
        double[] middle = Arrays.copyOfRange(latenciesInSendOrder, 2 * fifth, 3 * fifth);
        double[] last = Arrays.copyOfRange(latenciesInSendOrder, latenciesInSendOrder.length - fifth,
                latenciesInSendOrder.length);
        Arrays.sort(middle);
        Arrays.sort(last);
        return percentile(last, 0.5) <= percentile(middle, 0.5) + 500;
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
