package io.amlcompute.provisioner.cli;

import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusMessageBatch;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import io.amlcompute.provisioner.config.Setting;
import io.amlcompute.provisioner.config.Settings;
import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.validation.MessageEnvelope;
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
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * {@code computectl send FILE [--wait]}: validates the request (nothing is sent when it is invalid), then puts it on
 * the requests queue with MessageId = requestId. With {@code --wait} it asks for a reply (application properties
 * replyTo = the replies queue and a replyToSessionId of its own) and waits for the completion event in that session.
 */
@Command(name = "send", sortOptions = false,
        description = {"Validates a request and sends it to the requests queue (MessageId = requestId).",
                "The request is a FILE, or built from --ensure/--delete/--start/--stop/--restart and their flags. Prints what it sent as"
                        + " one JSON line; with --wait, the completion event instead (and with --status-url, the"
                        + " request's progress on stderr meanwhile)."})
final class SendCommand implements Callable<Integer> {

    static final List<ExitStatus> EXITS = List.of(ExitStatus.SUCCESS, ExitStatus.FAILED, ExitStatus.WAIT_TIMED_OUT,
            ExitStatus.UNAVAILABLE, ExitStatus.USAGE);
    /** With --wait and no --timeout: the request's own deadline plus this, so its timedout event still arrives. */
    static final Duration WAIT_MARGIN = Duration.ofMinutes(5);

    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "The request file; - reads standard input. Or build one with --ensure/--delete/--start/--stop/--restart.")
    String file;

    @Option(names = "--wait", description = "Wait for the completion event (on a session of the replies queue).")
    boolean await;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long --wait waits (90s, 10m, PT1H). Default: the request's timeout plus 5m.")
    Duration timeout;

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
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "give FILE or a request flag (--ensure, --delete, --start, --stop, --restart) with its flags, not both");
        }
        if (file == null) {
            if (!flags.given()) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "Missing FILE (or --ensure, --delete, --start, --stop or --restart NAME with --workspace)");
            }
            return new RequestFile.Loaded(RequestFlags.NAME, flags.toRequestJson());
        }
        return RequestFile.read(file, settings.requestDefaults().maxMessageBytes(), environment.stdin());
    }

    @Override
    public Integer call() throws InterruptedException {
        Settings settings = settingsOptions.resolve(environment);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!await && statusApi.given()) {
            throw statusApi.usage("--status-url and --key show progress while waiting: add --wait");
        }
        // Known before anything is sent: a bad --status-url must not leave a request behind.
        WaitProgress.Source progress = statusApi.source(environment);
        // Taken as the requestId only when the file has none; the message then carries it in its body.
        String offeredId = UUID.randomUUID().toString();
        RequestCheck.Checked checked = new RequestCheck(settings.requestDefaults(),
                noPolicy ? null : settings.requestPolicy())
                .check(request(settings), new MessageEnvelope(offeredId, correlationId));
        if (!(checked instanceof RequestCheck.Checked.Accepted accepted)) {
            return RequestCheck.reportRejection((RequestCheck.Checked.Rejected) checked, out, err, "computectl send",
                    "nothing was sent.");
        }
        ComputeRequest request = accepted.request();
        if (request.requestId().equals(offeredId)) {
            err.println("computectl send: " + checked.report().file() + " has no requestId; sending it with the"
                    + " generated requestId " + offeredId + ".");
        }
        String session = replySession != null ? replySession : (await ? UUID.randomUUID().toString() : null);
        String replies = repliesQueue != null ? repliesQueue : settings.get(Setting.COMPUTE_REPLIES_QUEUE);
        String queue = requestsQueue != null ? requestsQueue : settings.get(Setting.COMPUTE_REQUESTS_QUEUE);
        RequestMessage message = new RequestMessage(accepted.body(), request.requestId(), request.correlationId(),
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
        Duration waitFor = timeout != null ? timeout : request.options().timeout().plus(WAIT_MARGIN);
        err.println("computectl send: sent " + request.requestId() + " to " + queue + "; waiting up to "
                + Durations.human(waitFor) + " for its event on " + replies + " session " + session);
        err.flush();
        Optional<ReceivedEvent> event = new CompletionWaiter(builder, err, environment.clock(), progress)
                .onReplySession(replies, session, request.requestId(), waitFor);
        return EventOutput.print(event, out, err, "computectl send", request.requestId(),
                "computectl wait " + request.requestId() + " --session " + session);
    }
}
