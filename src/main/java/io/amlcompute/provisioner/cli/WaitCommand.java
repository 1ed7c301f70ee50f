package io.amlcompute.provisioner.cli;

import io.amlcompute.provisioner.config.EntityNames;
import io.amlcompute.provisioner.config.Setting;
import io.amlcompute.provisioner.config.Settings;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code computectl wait REQUEST_ID}: waits for the event that answers a request ({@link AwaitedEvent}), on the reply
 * session it was sent with ({@code --session}) or on a subscription of the events topic (default {@code all-events}),
 * where it only peeks. A compute request's answer is its terminal event, a renew's or release's its lease.renewed or
 * lease.released (or a rejection); {@code --cancel-of} and {@code --until-expired} wait for what a cancel and the end
 * of a lease are answered with.
 */
@Command(name = "wait", sortOptions = false,
        description = {"Waits for the event that answers a request and prints it as one JSON line: a compute"
                + " request's terminal event (not the lease events that follow a ready compute), a renew's"
                + " lease.renewed, a release's lease.released, or a rejection.",
                "With --session ID it receives the event from that session of the replies queue (and takes it off"
                        + " the queue); otherwise it peeks at a subscription of the events topic (default all-events)"
                        + " for the request id, locking and removing nothing there.",
                "With --status-url it shows the request's progress from the status API on stderr while it waits."})
final class WaitCommand implements Callable<Integer> {

    static final List<ExitStatus> EXITS = List.of(ExitStatus.SUCCESS, ExitStatus.FAILED, ExitStatus.WAIT_TIMED_OUT,
            ExitStatus.UNAVAILABLE, ExitStatus.USAGE);

    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REQUEST_ID", description = "The request id (the message's MessageId).")
    String requestId;

    @ArgGroup(exclusive = true)
    Source source = new Source();

    static final class Source {
        @Option(names = "--session", paramLabel = "ID",
                description = "The ReplyToSessionId the request was sent with (send prints it).")
        String session;

        @Option(names = "--subscription", paramLabel = "NAME",
                description = "A subscription of the events topic (default " + EntityNames.ALL_EVENTS_SUBSCRIPTION + ").")
        String subscription;
    }

    @ArgGroup(exclusive = true)
    Kind kind = new Kind();

    static final class Kind {
        @Option(names = "--cancel-of", paramLabel = "TARGET_ID",
                description = "REQUEST_ID is a cancel of TARGET_ID: wait for TARGET_ID's compute.cancelled (exit 0) or"
                        + " the cancel's rejection (exit 1).")
        String cancelOf;

        @Option(names = "--until-expired",
                description = "REQUEST_ID is a lease (the ensure's requestId): wait for its lease.expired (exit 0, or 1"
                        + " when the expiry action failed), or for the ensure's end without a lease (exit 1).")
        boolean untilExpired;
    }

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to wait (90s, 10m, PT1H). Default: the app's DEFAULT_TIMEOUT plus 5m.")
    Duration timeout;

    @Option(names = "--replies-queue", paramLabel = "NAME", description = "Default: COMPUTE_REPLIES_QUEUE or compute-replies.")
    String repliesQueue;

    @Option(names = "--events-topic", paramLabel = "NAME", description = "Default: COMPUTE_EVENTS_TOPIC or compute-events.")
    String eventsTopic;

    @Mixin
    StatusApiOptions statusApi;

    @Mixin
    ServiceBusOptions serviceBus;

    @Mixin
    SettingsOptions settingsOptions;

    @Mixin
    HelpOption help;

    WaitCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws InterruptedException {
        Settings settings = settingsOptions.resolve(environment);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Duration waitFor = timeout != null ? timeout
                : settings.getDuration(Setting.DEFAULT_TIMEOUT).plus(SendCommand.WAIT_MARGIN);
        WaitProgress.Source progress = statusApi.source(environment);
        CompletionWaiter waiter = new CompletionWaiter(serviceBus.clientBuilder(settings, environment), err,
                environment.clock(), progress);
        AwaitedEvent awaited = kind.cancelOf != null ? new AwaitedEvent.CancelAnswer(requestId, kind.cancelOf)
                : kind.untilExpired ? new AwaitedEvent.LeaseEnd(requestId) : AwaitedEvent.Answer.of(requestId);
        String again = "computectl wait " + requestId + (kind.cancelOf != null ? " --cancel-of " + kind.cancelOf
                : kind.untilExpired ? " --until-expired" : "");
        Optional<ReceivedEvent> event;
        if (source.session != null) {
            String queue = repliesQueue != null ? repliesQueue : settings.get(Setting.COMPUTE_REPLIES_QUEUE);
            err.println("computectl wait: waiting up to " + Durations.human(waitFor) + " for " + awaited.describe()
                    + " on " + queue + " session " + source.session);
            err.flush();
            event = waiter.onReplySession(queue, source.session, awaited, waitFor);
            again += " --session " + source.session;
        } else {
            String topic = eventsTopic != null ? eventsTopic : settings.get(Setting.COMPUTE_EVENTS_TOPIC);
            String subscription = source.subscription != null ? source.subscription
                    : EntityNames.ALL_EVENTS_SUBSCRIPTION;
            err.println("computectl wait: waiting up to " + Durations.human(waitFor) + " for " + awaited.describe()
                    + " on " + topic + "/subscriptions/" + subscription);
            err.flush();
            event = waiter.onSubscription(topic, subscription, awaited, waitFor);
            again += " --subscription " + subscription;
        }
        return EventOutput.print(event, awaited, out, err, "computectl wait", again);
    }
}
