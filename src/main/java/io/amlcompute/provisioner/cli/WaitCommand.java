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
 * {@code computectl wait REQUEST_ID}: waits for a request's completion event, on the reply session it was sent with
 * ({@code --session}) or on a subscription of the events topic (default {@code all-events}), where it only peeks.
 */
@Command(name = "wait", sortOptions = false,
        description = {"Waits for a request's completion event and prints it as one JSON line.",
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
        Optional<ReceivedEvent> event;
        String again;
        if (source.session != null) {
            String queue = repliesQueue != null ? repliesQueue : settings.get(Setting.COMPUTE_REPLIES_QUEUE);
            err.println("computectl wait: waiting up to " + Durations.human(waitFor) + " for the event of " + requestId
                    + " on " + queue + " session " + source.session);
            err.flush();
            event = waiter.onReplySession(queue, source.session, requestId, waitFor);
            again = "computectl wait " + requestId + " --session " + source.session;
        } else {
            String topic = eventsTopic != null ? eventsTopic : settings.get(Setting.COMPUTE_EVENTS_TOPIC);
            String subscription = source.subscription != null ? source.subscription
                    : EntityNames.ALL_EVENTS_SUBSCRIPTION;
            err.println("computectl wait: waiting up to " + Durations.human(waitFor) + " for the event of " + requestId
                    + " on " + topic + "/subscriptions/" + subscription);
            err.flush();
            event = waiter.onSubscription(topic, subscription, requestId, waitFor);
            again = "computectl wait " + requestId + " --subscription " + subscription;
        }
        return EventOutput.print(event, out, err, "computectl wait", requestId, again);
    }
}
