package io.amlcompute.provisioner.cli;

import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlcompute.provisioner.config.EntityNames;
import io.amlcompute.provisioner.contract.Json;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@code local --demo} talks to the stack, the way a producer does: a sample, made this run's own, goes to the
 * requests queue with a reply session named after its requestId, and the answer is received from that session.
 * Every event that arrives is printed on stdout. Thread-safe: the demo's scenarios run side by side.
 */
final class DemoTraffic {

    private final ServiceBusSenderClient sender;
    private final CompletionWaiter waiter;
    private final Path samples;
    private final Duration timeout;
    private final long start;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Map<String, String> titlesByRequestId = new LinkedHashMap<>();

    /**
     * @param timeout how long each wait may take
     * @param start   {@link System#nanoTime()} when the demo began, for the rows' seconds
     */
    DemoTraffic(ServiceBusSenderClient sender, CompletionWaiter waiter, Path samples, Duration timeout, long start,
                PrintWriter out, PrintWriter err) {
        this.sender = Objects.requireNonNull(sender, "sender");
        this.waiter = Objects.requireNonNull(waiter, "waiter");
        this.samples = Objects.requireNonNull(samples, "samples");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.start = start;
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
    }

    /** A sample as a tree, to be made this run's own before it is sent. */
    ObjectNode sample(String fileName) throws IOException {
        JsonNode tree = Json.MAPPER.readTree(Files.readString(samples.resolve(fileName)));
        if (!(tree instanceof ObjectNode object)) {
            throw new IOException(samples.resolve(fileName) + " is not a JSON object");
        }
        return object;
    }

    /**
     * Sends {@code body} (its requestId is the message's id, its reply session and the key of its progress) and
     * returns the requestId.
     *
     * @param showProgress whether the status API knows it: a compute request, not a control request
     */
    String send(String title, ObjectNode body, boolean showProgress) {
        return send(title, body, showProgress, true);
    }

    /** As {@link #send(String, ObjectNode, boolean)}; without {@code withReply}, as a producer that asks for none. */
    String send(String title, ObjectNode body, boolean showProgress, boolean withReply) {
        String requestId = body.get("requestId").asText();
        String correlationId = body.path("correlationId").asText(requestId);
        RequestMessage message = new RequestMessage(body.toString(), requestId, correlationId,
                withReply ? EntityNames.REPLIES_QUEUE : null, withReply ? requestId : null);
        sender.sendMessage(message.toServiceBusMessage());
        if (showProgress) {
            synchronized (titlesByRequestId) {
                titlesByRequestId.put(requestId, title);
            }
        }
        say("sent   " + pad(title) + " requestId=" + requestId);
        return requestId;
    }

    /** Waits on {@code session} for {@code awaited}, printing the event that comes; the row says how it went. */
    DemoRow await(String title, String session, AwaitedEvent awaited, String expectedType, String expectedDetail)
            throws InterruptedException {
        Optional<ReceivedEvent> event = waiter.onReplySession(EntityNames.REPLIES_QUEUE, session, awaited, timeout);
        event.ifPresent(this::print);
        return new DemoRow(title, session, expectedType, expectedDetail, event, seconds());
    }

    /** As {@link #await}, peeking at the events topic's all-events subscription: for a request sent without reply. */
    DemoRow awaitOnTopic(String title, String requestId, AwaitedEvent awaited, String expectedType,
                         String expectedDetail) throws InterruptedException {
        Optional<ReceivedEvent> event = waiter.onSubscription(EntityNames.EVENTS_TOPIC,
                EntityNames.ALL_EVENTS_SUBSCRIPTION, awaited, timeout);
        event.ifPresent(this::print);
        return new DemoRow(title, requestId, expectedType, expectedDetail, event, seconds());
    }

    /** A step that did not run because an earlier one of its scenario went wrong. */
    DemoRow skipped(String title, String requestId, String expectedType, String expectedDetail) {
        say("skipped " + pad(title) + " (an earlier step did not go as expected)");
        return new DemoRow(title, requestId, expectedType, expectedDetail, Optional.empty(), seconds());
    }

    /** The compute requests sent so far, by requestId, with their titles: whose progress to show. */
    Map<String, String> watched() {
        synchronized (titlesByRequestId) {
            return new LinkedHashMap<>(titlesByRequestId);
        }
    }

    void say(String line) {
        synchronized (err) {
            err.println("demo: " + line);
            err.flush();
        }
    }

    static String pad(String title) {
        return String.format(Locale.ROOT, "%-28s", title);
    }

    private double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    private void print(ReceivedEvent event) {
        synchronized (out) {
            out.println(event.toJsonLine());
            out.flush();
        }
    }
}
