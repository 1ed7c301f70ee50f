package io.amlcompute.provisioner.cli;

import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusMessageBatch;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import io.amlcompute.provisioner.config.Setting;
import io.amlcompute.provisioner.config.Settings;
import io.amlcompute.provisioner.config.EntityNames;
import io.amlcompute.provisioner.contract.validation.MessageEnvelope;
import io.amlcompute.provisioner.contract.validation.RequestPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * {@code computectl send FILE [--wait]}: validates the request (nothing is sent when it is invalid), then puts it on
 * the requests queue with MessageId = requestId. With {@code --wait} it asks for a reply (application properties
 * replyTo = the replies queue and a replyToSessionId of its own) and waits in that session for the event that answers
 * it ({@link AwaitedEvent}): a compute request's terminal event, a renew's or release's answer, a cancel's target's
 * cancelled event, or a rejection; after a release, {@code --until-expired} goes on to the lease's lease.expired.
 */
@Command(name = "send", sortOptions = false,
        description = {"Validates a request and sends it to the requests queue (MessageId = requestId).",
                "The request is a FILE, or built from flags: --ensure/--delete, a compute instance's --start/--stop/"
                        + "--restart, or the control requests --renew, --release and --cancel. Prints what it sent as"
                        + " one JSON line; with --wait, the event that answers it instead (and with --status-url, the"
                        + " progress on stderr meanwhile)."})
final class SendCommand implements Callable<Integer> {

    static final List<ExitStatus> EXITS = List.of(ExitStatus.SUCCESS, ExitStatus.FAILED, ExitStatus.WAIT_TIMED_OUT,
            ExitStatus.UNAVAILABLE, ExitStatus.USAGE);
    /** With --wait and no --timeout: the request's own deadline plus this, so its timedout event still arrives. */
    static final Duration WAIT_MARGIN = Duration.ofMinutes(5);

    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "The request file; - reads standard input. Or build one with --ensure, --delete, --start,"
                    + " --stop, --restart, --renew, --release or --cancel.")
    String file;

    @Option(names = "--wait", description = {"Wait for the event that answers the request (on a session of the"
            + " replies queue): a compute request's terminal event; lease.renewed or lease.released for a renew or"
            + " release; the target's compute.cancelled for a cancel; or the request's rejection."})
    boolean await;

    @Option(names = "--until-expired",
            description = "With --wait and a release: then wait for the lease's lease.expired (on --subscription).")
    boolean untilExpired;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long --wait waits in all (90s, 10m, PT1H). Default: the request's timeout plus 5m;"
                    + " 5m for a renew, release or cancel; DEFAULT_TIMEOUT plus 5m with --until-expired.")
    Duration timeout;

    @Option(names = "--subscription", paramLabel = "NAME",
            description = "With --until-expired: the subscription of the events topic to look at (default "
                    + EntityNames.ALL_EVENTS_SUBSCRIPTION + "); it only peeks.")
    String subscription;

    @Option(names = "--events-topic", paramLabel = "NAME", description = "With --until-expired. Default:"
            + " COMPUTE_EVENTS_TOPIC or compute-events.")
    String eventsTopic;

    @Option(names = "--reply-session", paramLabel = "ID",
            description = "Ask for the reply in this session of the replies queue (default with --wait: a new UUID);"
                    + " without --wait, collect it later with 'computectl wait REQUEST_ID --session ID'.")
    String replySession;

    @Option(names = "--correlation-id", paramLabel = "ID",
            description = "CorrelationId when the file has none (default: the requestId).")
    String correlationId;

    @Option(names = "--no-policy", description = "Check the structure only; the app still applies its policy.")
    boolean noPolicy;

    @Option(names = "--requests-queue", paramLabel = "NAME", description = "Default: COMPUTE_REQUESTS_QUEUE or compute-requests.")
    String requestsQueue;

    @Option(names = "--replies-queue", paramLabel = "NAME", description = "Default: COMPUTE_REPLIES_QUEUE or compute-replies.")
    String repliesQueue;

    @Mixin
    RequestFlags flags;

    @Mixin
    StatusApiOptions statusApi;

    @Mixin
    ServiceBusOptions serviceBus;

    @Mixin
    SettingsOptions settingsOptions;

    @Mixin
    HelpOption help;

    SendCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    /** The file, or the request the flags describe; exactly one of them. */
    private RequestFile request(Settings settings) {
        if (file != null && flags.given()) {
            throw usage("give FILE or a request from flags (--ensure, --delete, --start, --stop, --restart, --renew,"
                    + " --release, --cancel), not both");
        }
        if (file == null) {
            if (!flags.given()) {
                throw usage("Missing FILE (or --ensure/--delete/--start/--stop/--restart NAME with --workspace,"
                        + " --renew LEASE_ID --extend-by DURATION, --release LEASE_ID, --cancel REQUEST_ID)");
            }
            return new RequestFile.Loaded(RequestFlags.NAME, flags.toRequestJson());
        }
        return RequestFile.read(file, settings.requestDefaults().maxMessageBytes(), environment.stdin());
    }

    /**
     * The policy checked before sending: {@code --settings} or the {@code POLICY_*} variables. With neither, the
     * structure only, and stderr says so: empty allow-lists would refuse every request the app may well accept.
     * Unlike {@code validate}, send does not fall back to {@code ./local.settings.json}: the app it sends to may be
     * one in Azure with another policy.
     */
    private RequestPolicy policyToCheck(Settings settings, PrintWriter err) {
        if (noPolicy) {
            return null;
        }
        if (settingsOptions.given() || SettingsOptions.policyInEnvironment(environment)) {
            return settings.requestPolicy();
        }
        err.println("computectl send: no --settings and no POLICY_* variables: checked the request's structure only;"
                + " the app checks its own policy and answers a violation with compute.rejected");
        err.flush();
        return null;
    }

    @Override
    public Integer call() throws InterruptedException {
        Settings settings = settingsOptions.resolve(environment);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!await && statusApi.given()) {
            throw statusApi.usage("--status-url and --key show progress while waiting: add --wait");
        }
        if (!await && (untilExpired || subscription != null)) {
            throw usage("--until-expired and --subscription say how long --wait waits: add --wait");
        }
        // Known before anything is sent: a bad --status-url must not leave a request behind.
        WaitProgress.Source progress = statusApi.source(environment);
        // Taken as the requestId only when the file has none; the message then carries it in its body.
        String offeredId = UUID.randomUUID().toString();
        RequestCheck.Checked checked = new RequestCheck(settings.requestDefaults(), policyToCheck(settings, err))
                .check(request(settings), new MessageEnvelope(offeredId, correlationId));
        if (checked instanceof RequestCheck.Checked.Rejected rejected) {
            return RequestCheck.reportRejection(rejected, out, err, "computectl send", "nothing was sent.");
        }
        OutgoingRequest outgoing = OutgoingRequest.of(checked);
        if (untilExpired && outgoing.leaseEnd() == null) {
            throw usage("--until-expired waits for the lease.expired that follows a release: it goes with a release"
                    + " request (--release LEASE_ID or a release file)");
        }
        if (outgoing.requestId().equals(offeredId)) {
            err.println("computectl send: " + checked.report().file() + " has no requestId; sending it with the"
                    + " generated requestId " + offeredId + ".");
        }
        String session = replySession != null ? replySession : (await ? UUID.randomUUID().toString() : null);
        String replies = repliesQueue != null ? repliesQueue : settings.get(Setting.COMPUTE_REPLIES_QUEUE);
        String queue = requestsQueue != null ? requestsQueue : settings.get(Setting.COMPUTE_REQUESTS_QUEUE);
        RequestMessage message = new RequestMessage(outgoing.body(), outgoing.requestId(), outgoing.correlationId(),
                session == null ? null : replies, session);

        ServiceBusClientBuilder builder = serviceBus.clientBuilder(settings, environment);
        try (ServiceBusSenderClient sender = builder.sender().queueName(queue).buildClient()) {
            // The size check the client leaves out: sendMessage returns without an error and without sending when
            // the encoded message (body, properties and AMQP framing) is over the link's max-message-size
            // (azure-messaging-servicebus 7.17). A batch is sized against that same limit, so a message that does
            // not fit an empty one is one Service Bus would refuse: say so and send nothing.
            ServiceBusMessageBatch batch = sender.createMessageBatch();
            if (!batch.tryAddMessage(message.toServiceBusMessage())) {
                err.println("computectl send: " + checked.report().file() + " is too large for Service Bus with its "
                        + "message properties (the queue takes at most " + batch.getMaxSizeInBytes() + " bytes in all); "
                        + "nothing was sent. Make the request smaller (MAX_REQUEST_BYTES leaves room for the properties "
                        + "by default).");
                err.flush();
                return ExitStatus.FAILED.code();
            }
            sender.sendMessages(batch);
        } catch (RuntimeException e) {
            throw new ServiceBusUnavailableException("send to queue " + queue, e);
        }
        if (!await) {
            out.println(message.receiptJson(queue));
            out.flush();
            return ExitStatus.SUCCESS.code();
        }
        Duration waitFor = timeout != null ? timeout : outgoing.defaultWait(settings, untilExpired);
        Instant waitEnds = environment.clock().instant().plus(waitFor);
        err.println("computectl send: sent " + outgoing.requestId() + " to " + queue + "; waiting up to "
                + Durations.human(waitFor) + " for " + outgoing.awaited().describe() + " on " + replies + " session "
                + session);
        err.flush();
        CompletionWaiter waiter = new CompletionWaiter(builder, err, environment.clock(), progress);
        Optional<ReceivedEvent> answer = waiter.onReplySession(replies, session, outgoing.awaited(), waitFor);
        int answered = EventOutput.print(answer, outgoing.awaited(), out, err, "computectl send",
                outgoing.resumeCommand(session));
        if (!untilExpired || answered != ExitStatus.SUCCESS.code()) {
            return answered;
        }
        return awaitLeaseEnd(settings, waiter, outgoing.leaseEnd(), waitEnds, out, err);
    }

    /**
     * After a release: its lease's {@code lease.expired}, which goes to the topic (and to the reply session of the
     * ensure that holds the lease, which this sender does not know), so it is looked for on a subscription.
     */
    private int awaitLeaseEnd(Settings settings, CompletionWaiter waiter, AwaitedEvent.LeaseEnd leaseEnd,
                              Instant waitEnds, PrintWriter out, PrintWriter err) throws InterruptedException {
        String topic = eventsTopic != null ? eventsTopic : settings.get(Setting.COMPUTE_EVENTS_TOPIC);
        String from = subscription != null ? subscription : EntityNames.ALL_EVENTS_SUBSCRIPTION;
        Duration left = Duration.between(environment.clock().instant(), waitEnds);
        Duration waitFor = left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left;
        err.println("computectl send: waiting up to " + Durations.human(waitFor) + " for " + leaseEnd.describe()
                + " on " + topic + "/subscriptions/" + from);
        err.flush();
        Optional<ReceivedEvent> expired = waiter.onSubscription(topic, from, leaseEnd, waitFor);
        return EventOutput.print(expired, leaseEnd, out, err, "computectl send",
                "computectl wait " + leaseEnd.leaseId() + " --until-expired --subscription " + from);
    }

    private picocli.CommandLine.ParameterException usage(String message) {
        return new picocli.CommandLine.ParameterException(spec.commandLine(), message);
    }
}
