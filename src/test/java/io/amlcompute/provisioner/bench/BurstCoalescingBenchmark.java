package io.amlcompute.provisioner.bench;

import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import io.amlcompute.provisioner.config.EntityNames;
import io.amlcompute.provisioner.local.LocalStack;
import io.amlcompute.provisioner.local.LocalStackOptions;
import io.amlcompute.provisioner.local.arm.RecordedRequest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A burst of messages for a few distinct computes, duplicates included, on the local stack: how many create PUTs
 * reach ARM, how many requests fail, and whether every request gets exactly one event. Duplicates are resends of
 * a request with a new MessageId (Service Bus would drop a repeated MessageId itself), so they reach the app. It
 * also counts the region pre-flight's reads: one set for the burst's region while the cache holds it.
 */
final class BurstCoalescingBenchmark {

    /** @param preflightReads the region pre-flight's GETs (vmSizes, usages, quotas) that reached ARM */
    record Result(int messages, int distinctRequests, int computes, long createPuts, long conflicts409,
                  long preflightReads, int requestsWithEvent, int requestsWithMoreThanOneEvent,
                  Map<String, Integer> eventTypes, double seconds) {
    }

    static Result run(int messages, int computes, long seed) throws Exception {
        int distinct = messages * 4 / 5;
        try (LocalStack stack = LocalStack.start(LocalStackOptions.defaults().withProvisioningTime(Duration.ofSeconds(2)));
             EventCollector events = new EventCollector(stack.serviceBusConnectionString());
             ServiceBusSenderClient sender = new ServiceBusClientBuilder()
                     .connectionString(stack.serviceBusConnectionString()).sender()
                     .queueName(EntityNames.REQUESTS_QUEUE).buildClient()) {
            String template = Files.readString(Path.of("samples", "requests", "ensure-amlcompute.json"));
            List<ServiceBusMessage> burst = new ArrayList<>();
            Random random = new Random(seed);
            for (int i = 0; i < messages; i++) {
                // The first `distinct` messages are distinct requests; the rest resend one of them.
                int request = i < distinct ? i : random.nextInt(distinct);
                String requestId = "burst-" + request;
                String body = template.replace("demo-ensure-aml-cluster-001", requestId)
                        .replace("\"aml-cluster\"", "\"cluster" + EndToEndBenchmark.letters(request % computes) + "\"");
                burst.add(new ServiceBusMessage(body).setMessageId("msg-" + i).setContentType("application/json"));
            }
            Collections.shuffle(burst, random);
            long start = System.nanoTime();
            for (int i = 0; i < burst.size(); i += 100) {
                sender.sendMessages(burst.subList(i, Math.min(i + 100, burst.size())));
            }
            events.awaitDistinct(distinct, Duration.ofMinutes(10));
            // Late duplicates, if any, would arrive shortly after: give them a moment before counting.
            Thread.sleep(3_000);
            double seconds = (System.nanoTime() - start) / 1e9;
            List<RecordedRequest> arm = stack.armEmulator().requests();
            long puts = arm.stream().filter(r -> r.method().equals("PUT") && r.status() < 300).count();
            long conflicts = arm.stream().filter(r -> r.status() == 409).count();
            long preflightReads = arm.stream().filter(r -> r.path().matches(".*/locations/[^/]+/(vmSizes|usages|quotas)"))
                    .count();
            Map<String, Integer> types = new TreeMap<>();
            events.arrivals().values().forEach(a -> types.merge(a.type(), 1, Integer::sum));
            int repeated = (int) events.arrivals().values().stream().filter(a -> a.count() > 1).count();
            return new Result(messages, distinct, computes, puts, conflicts, preflightReads, events.arrivals().size(),
                    repeated, types, seconds);
        }
    }

    private BurstCoalescingBenchmark() {
    }
}
