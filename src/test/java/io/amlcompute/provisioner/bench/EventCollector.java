package io.amlcompute.provisioner.bench;

import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusProcessorClient;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import io.amlcompute.provisioner.config.EntityNames;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Receives every event from the {@code all-events} subscription through the official processor client and
 * remembers, per requestId, when it arrived and which event type it was.
 */
final class EventCollector implements AutoCloseable {

    record Arrival(long nanos, String type, int count) {
    }

    private final Map<String, Arrival> arrivals = new ConcurrentHashMap<>();
    private final ServiceBusProcessorClient processor;

    EventCollector(String connectionString) {
        processor = new ServiceBusClientBuilder().connectionString(connectionString).processor()
                .topicName(EntityNames.EVENTS_TOPIC).subscriptionName(EntityNames.ALL_EVENTS_SUBSCRIPTION)
                .receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE).maxConcurrentCalls(4)
                .processMessage(context -> {
                    long now = System.nanoTime();
                    var message = context.getMessage();
                    String requestId = String.valueOf(message.getApplicationProperties().get("requestId"));
                    arrivals.merge(requestId, new Arrival(now, message.getSubject(), 1),
                            (old, added) -> new Arrival(old.nanos(), old.type(), old.count() + 1));
                })
                .processError(context -> { })
                .buildProcessorClient();
        processor.start();
    }

    Map<String, Arrival> arrivals() {
        return arrivals;
    }

    /** Waits until {@code expected} distinct requests have an event, or the timeout passes. */
    boolean awaitDistinct(int expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (arrivals.size() < expected && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return arrivals.size() >= expected;
    }

    @Override
    public void close() {
        processor.close();
    }
}
