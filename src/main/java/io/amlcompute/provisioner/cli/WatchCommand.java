package io.amlcompute.provisioner.cli;

import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import io.amlcompute.provisioner.config.EntityNames;
import io.amlcompute.provisioner.config.Setting;
import io.amlcompute.provisioner.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code computectl watch}: streams events from a subscription of the events topic as JSON lines. It is a
 * consumer: every event it receives is taken off the subscription (peek-lock, completed once printed; or
 * receive-and-delete), whether or not {@code --filter} prints it. Give it a subscription of its own.
 */
@Command(name = "watch", sortOptions = false,
        description = {"Streams events from a subscription of the events topic, one JSON line each.",
                "It consumes what it receives (filtered-out events too): use a subscription of your own. Peek-lock"
                        + " by default: an event is completed only after it was printed."})
final class WatchCommand implements Callable<Integer> {

    static final List<ExitStatus> EXITS = List.of(ExitStatus.SUCCESS, ExitStatus.WAIT_TIMED_OUT,
            ExitStatus.UNAVAILABLE, ExitStatus.USAGE);
    private static final int BATCH = 10;
    private static final Duration RECEIVE_SLICE = Duration.ofSeconds(5);

    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    @Option(names = "--subscription", paramLabel = "NAME",
            description = "Subscription of the events topic (default " + EntityNames.ALL_EVENTS_SUBSCRIPTION + ").")
    String subscription;

    @Option(names = "--filter", paramLabel = "KEY=VALUE", converter = EventFilter.TermConverter.class,
            description = "Print only events whose property matches; repeat to require several. Keys: eventType"
                    + " (also short: eventType=failed, eventType=lease.expired), requestId, correlationId, action,"
                    + " workspace, computeName, computeType, outcome, leaseId (every event of one lease).")
    List<EventFilter.Term> filters = new ArrayList<>();

    @Option(names = "--max-events", paramLabel = "N", description = "Stop after printing N events.")
    Integer maxEvents;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop after this long (default: never). Exit 2 if --max-events were not all printed by then.")
    Duration timeout;

    @Option(names = "--receive-and-delete",
            description = "Receive-and-delete instead of peek-lock: faster, but an event in flight when watch stops is lost.")
    boolean receiveAndDelete;

    @Option(names = "--events-topic", paramLabel = "NAME", description = "Default: COMPUTE_EVENTS_TOPIC or compute-events.")
    String eventsTopic;

    @Mixin
    ServiceBusOptions serviceBus;

    @Mixin
    SettingsOptions settingsOptions;

    @Mixin
    HelpOption help;

    WatchCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        if (maxEvents != null && maxEvents < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--max-events must be at least 1");
        }
        Settings settings = settingsOptions.resolve(environment);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String topic = eventsTopic != null ? eventsTopic : settings.get(Setting.COMPUTE_EVENTS_TOPIC);
        String from = subscription != null ? subscription : EntityNames.ALL_EVENTS_SUBSCRIPTION;
        EventFilter filter = new EventFilter(filters);
        long start = System.nanoTime();
        err.println("computectl watch: watching " + topic + "/subscriptions/" + from + " ("
                + (receiveAndDelete ? "receive-and-delete" : "peek-lock, completed once printed") + ")");
        err.flush();
        int printed;
        try {
            printed = receive(settings, topic, from, filter, start, out, err);
        } catch (RuntimeException e) {
            throw new ServiceBusUnavailableException("receive from subscription " + from + " of topic " + topic, e);
        }
        if (maxEvents != null && printed < maxEvents) {
            err.println("computectl watch: " + printed + " of " + maxEvents + " events before the timeout");
            err.flush();
            return ExitStatus.WAIT_TIMED_OUT.code();
        }
        return ExitStatus.SUCCESS.code();
    }

    /** Receives until --max-events were printed or --timeout passed; returns how many were printed. */
    private int receive(Settings settings, String topic, String from, EventFilter filter, long start, PrintWriter out,
                        PrintWriter err) {
        int printed = 0;
        try (ServiceBusReceiverClient receiver = serviceBus.clientBuilder(settings, environment).receiver()
                .topicName(topic).subscriptionName(from).disableAutoComplete()
                .receiveMode(receiveAndDelete ? ServiceBusReceiveMode.RECEIVE_AND_DELETE : ServiceBusReceiveMode.PEEK_LOCK)
                .buildClient()) {
            while ((maxEvents == null || printed < maxEvents) && timeLeft(start) > 0) {
                int want = maxEvents == null ? BATCH : Math.min(BATCH, maxEvents - printed);
                Duration slice = Duration.ofNanos(
                        Math.max(1_000_000, Math.min(RECEIVE_SLICE.toNanos(), timeLeft(start))));
                for (ServiceBusReceivedMessage message : receiver.receiveMessages(want, slice)) {
                    Optional<ReceivedEvent> event = ReceivedEvent.from(message);
                    if (event.isEmpty()) {
                        err.println("computectl watch: skipped message " + message.getMessageId() + ": not a JSON event");
                        err.flush();
                    } else if (filter.matches(event.get())) {
                        out.println(event.get().toJsonLine());
                        out.flush();
                        printed++;
                    }
                    if (!receiveAndDelete) {
                        receiver.complete(message);
                    }
                }
            }
        }
        return printed;
    }

    /** Nanoseconds until --timeout; Long.MAX_VALUE without one. Differences of nanoTime only: it may be negative. */
    private long timeLeft(long start) {
        return timeout == null ? Long.MAX_VALUE : timeout.toNanos() - (System.nanoTime() - start);
    }
}
