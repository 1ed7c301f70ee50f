package io.amlcompute.provisioner.cli;

import io.amlcompute.provisioner.arm.ArmComputeGateway;
import io.amlcompute.provisioner.arm.ArmGateways;
import io.amlcompute.provisioner.config.Setting;
import io.amlcompute.provisioner.config.Settings;
import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.event.ComputeEvent;
import io.amlcompute.provisioner.contract.validation.MessageEnvelope;
import io.amlcompute.provisioner.contract.validation.RequestWriter;
import io.amlcompute.provisioner.provisioning.ComputeActions;
import io.amlcompute.provisioner.provisioning.DurationModel;
import io.amlcompute.provisioner.provisioning.LearnedDurations;
import io.amlcompute.provisioner.provisioning.PollingPolicy;
import io.amlcompute.provisioner.provisioning.ProvisioningInput;
import io.amlcompute.provisioner.provisioning.ProvisioningProcess;
import io.amlcompute.provisioner.provisioning.preflight.Preflight;
import io.amlcompute.provisioner.secrets.SecretResolvers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * {@code computectl apply FILE}: the app's provisioning logic run directly against ARM, without Service Bus or
 * Durable Functions, as {@code az ml compute create} would: validate, perform the action, read the status on the
 * same adaptive schedule until ready, failed or the request's deadline, and print the completion event the app
 * would have published. The region pre-flight runs as in the app (options.preflight, PREFLIGHT_* settings). It
 * refuses a lease and control requests (renew, release, cancel): those need the app, which keeps running after the
 * compute is ready.
 */
@Command(name = "apply", sortOptions = false,
        description = {"Carries out a request directly against ARM, without Service Bus or Durable Functions.",
                "The app's own get-or-create, attach, update, detach or delete, then it waits until the compute is"
                        + " usable. Progress goes to stderr; the completion event the app would publish goes to"
                        + " stdout."})
final class ApplyCommand implements Callable<Integer> {

    static final List<ExitStatus> EXITS = List.of(ExitStatus.SUCCESS, ExitStatus.FAILED, ExitStatus.UNAVAILABLE,
            ExitStatus.USAGE);

    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The request file; - reads standard input.")
    String file;

    @Mixin
    ArmOptions armOptions;

    @Option(names = "--secrets-file", paramLabel = "FILE",
            description = "Local secret store for local: references (default: LOCAL_SECRETS_FILE).")
    String secretsFile;

    @Option(names = "--correlation-id", paramLabel = "ID",
            description = "CorrelationId when the file has none (default: the requestId).")
    String correlationId;

    @Option(names = "--no-policy", description = "Check the structure only, not the app's policy.")
    boolean noPolicy;

    @Mixin
    SettingsOptions settingsOptions;

    @Mixin
    HelpOption help;

    ApplyCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        Settings settings = settingsOptions.resolve(environment).with(overrides());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String offeredId = UUID.randomUUID().toString();
        RequestCheck.Checked checked = new RequestCheck(settings.requestDefaults(),
                noPolicy ? null : settings.requestPolicy())
                .check(RequestFile.read(file, settings.requestDefaults().maxMessageBytes(), environment.stdin()),
                        new MessageEnvelope(offeredId, correlationId));
        if (checked instanceof RequestCheck.Checked.Rejected rejected) {
            return RequestCheck.reportRejection(rejected, out, err, "computectl apply", "nothing was done in Azure.");
        }
        if (checked instanceof RequestCheck.Checked.AcceptedControl control) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), file + " is a "
                    + control.control().action().wireName() + " request: it addresses request "
                    + control.control().target() + ", which only the app runs; apply runs a request in-line and holds"
                    + " nothing after it ends. Leases and cancels need the app: use 'computectl send " + file
                    + " --wait'. Nothing was done in Azure.");
        }
        ComputeRequest request = ((RequestCheck.Checked.Accepted) checked).request();
        if (request.options().lease() != null) {
            // InlineSteps cannot hold a lease: nothing would renew, release or end it once this process exits.
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), file + " asks for a lease"
                    + " (options.lease): the app holds a leased compute after it is ready and ends the lease later,"
                    + " but apply ends when the compute is ready. Leases and cancels need the app: use 'computectl"
                    + " send " + file + " --wait', or leave options.lease out. Nothing was done in Azure.");
        }
        if (request.requestId().equals(offeredId)) {
            err.println("computectl apply: " + file + " has no requestId; using " + offeredId + ".");
        }
        ArmComputeGateway arm = ArmGateways.fromSettings(settings, SecretResolvers.fromSettings(settings));
        ComputeActions actions = new ComputeActions(arm,
                new Preflight(arm.regionReader(), settings.preflightPolicy(), environment.clock()));
        err.println("computectl apply: " + request.action().wireName() + " " + request.computeName() + " in "
                + request.workspace().key() + " through " + settings.get(Setting.ARM_ENDPOINT) + ", deadline in "
                + Durations.human(request.options().timeout()));
        err.flush();
        InlineSteps steps = new InlineSteps(actions, durations(settings), request, environment.clock(),
                environment.sleeper(), out, err);
        ComputeEvent event = new ProvisioningProcess(PollingPolicy.standard())
                .run(new ProvisioningInput(RequestWriter.toJson(request), null, null), steps,
                        request.requestId().hashCode());
        err.println("computectl apply: " + request.requestId() + " ended " + EventOutput.shortType(event.type().wireName()));
        err.flush();
        return ExitStatus.forEventType(event.type().wireName()).code();
    }

    /**
     * The duration model as the app builds it (ProvisionerApp): EXPECTED_PROVISIONING_TIME before anything is
     * learned, Azure's typical durations without it; learned durations kept in LEARNED_DURATIONS_FILE, if set.
     * Against the local stack's settings this makes apply read as soon as the emulator is likely done.
     */
    private static DurationModel durations(Settings settings) {
        return LearnedDurations.of(settings.find(Setting.LEARNED_DURATIONS_FILE).map(Path::of),
                settings.find(Setting.EXPECTED_PROVISIONING_TIME)
                        .map(time -> settings.getDuration(Setting.EXPECTED_PROVISIONING_TIME)));
    }

    /** The options as app settings, for ArmGateways and SecretResolvers, which read settings. */
    private Map<String, String> overrides() {
        Map<String, String> overrides = new HashMap<>(armOptions.overrides());
        if (secretsFile != null) {
            overrides.put(Setting.LOCAL_SECRETS_FILE.key(), secretsFile);
        }
        return overrides;
    }
}
