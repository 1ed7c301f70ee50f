package io.amlcompute.provisioner.cli;

import io.amlcompute.provisioner.config.Setting;
import io.amlcompute.provisioner.config.Settings;
import io.amlcompute.provisioner.contract.validation.MessageEnvelope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code computectl validate FILE...}: the function's own validation and policy, offline. One JSON line per file
 * on stdout; exit 0 when every file is valid, 1 otherwise. No input crashes it: an empty, binary, huge, deeply
 * nested or missing file is one rejection line like any other.
 *
 * <p>With {@code --preflight} each valid request also gets the app's region pre-flight against ARM
 * ({@code --arm-endpoint}, {@code --auth}, else the settings' ARM_ENDPOINT and ARM_AUTH): the compute is read, and
 * where the action would allocate nodes the region's VM sizes, usages and quotas are read and checked, exactly as
 * the action step would, without writing anything. Exit 1 when a request is refused or a read fails, 4 when ARM could
 * not be asked.
 *
 * <p>Which policy: {@code --settings FILE}; else {@code ./local.settings.json} when there is one (the app's own, in
 * a checkout); else the environment's {@code POLICY_*} variables. With none of them the policy would be all
 * defaults, whose empty workspace allow-list rejects every request, so only the structure is checked. Except with
 * {@code --settings} or {@code --no-policy}, stderr says which it was.
 */
@Command(name = "validate", sortOptions = false,
        description = {"Checks request files as the function does: structure, then the app's policy.",
                "Touches nothing. Prints one JSON line per file:"
                        + " {\"file\",\"valid\",\"errors\":[{\"code\",\"path\",\"message\"}]}.",
                "With --preflight it also asks ARM whether the region has the VM size and the cores (reads only):"
                        + " \"preflight\":{\"outcome\",\"errors\",\"warnings\"}."})
final class ValidateCommand implements Callable<Integer> {

    static final List<ExitStatus> EXITS = List.of(ExitStatus.SUCCESS, ExitStatus.FAILED, ExitStatus.UNAVAILABLE,
            ExitStatus.USAGE);

    /**
     * Every Service Bus message has a MessageId ({@code send} makes one when the file has no requestId), and the
     * function takes it as the requestId: so a file without requestId is valid, as it is when it arrives.
     */
    private static final MessageEnvelope AS_SENT = new MessageEnvelope("message-id-of-the-sent-message", null);

    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Request files; - reads standard input.")
    List<String> files;

    @Option(names = "--no-policy", description = "Check the structure only, not the app's policy (allow-lists, caps).")
    boolean noPolicy;

    @Option(names = "--preflight", description = "Also run the app's region pre-flight against ARM (reads only):"
            + " is the VM size offered, are the cores left?")
    boolean preflight;

    @Mixin
    ArmOptions armOptions;

    @Mixin
    SettingsOptions settingsOptions;

    @Mixin
    HelpOption help;

    ValidateCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    /** The settings file {@code validate} reads when {@code --settings} is not given. */
    static final String LOCAL_SETTINGS = "local.settings.json";

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Settings settings;
        boolean checkPolicy = !noPolicy;
        Path local = environment.workingDirectory().resolve(LOCAL_SETTINGS);
        if (settingsOptions.given() || noPolicy) {
            settings = settingsOptions.resolve(environment);
        } else if (Files.isRegularFile(local)) {
            settings = settingsOptions.resolveWith(environment, local);
            err.println("validate: app settings from ./" + LOCAL_SETTINGS + " (--settings FILE for others)");
        } else if (policyInEnvironment()) {
            settings = settingsOptions.resolve(environment);
            err.println("validate: app settings from the environment (POLICY_* variables)");
        } else {
            settings = settingsOptions.resolve(environment);
            checkPolicy = false;
            err.println("validate: no --settings, no ./" + LOCAL_SETTINGS + " and no POLICY_* variables: checked the"
                    + " structure only, NOT the app's policy (workspaces, VM sizes, node caps, secret stores, subnets)");
        }
        err.flush();
        int maxBytes = settings.requestDefaults().maxMessageBytes();
        RequestCheck check = new RequestCheck(settings.requestDefaults(), checkPolicy ? settings.requestPolicy() : null);
        PrintWriter out = spec.commandLine().getOut();
        PreflightPreview preview = preflight ? new PreflightPreview(settings.with(armOptions.overrides()),
                environment.clock()) : null;
        boolean allValid = true;
        boolean unavailable = false;
        for (String file : files) {
            RequestCheck.Checked checked = check.check(RequestFile.read(file, maxBytes, environment.stdin()),
                    AS_SENT);
            ValidationReport report = checked.report();
            if (preview != null && checked instanceof RequestCheck.Checked.Accepted accepted) {
                PreflightReport preflightReport = preview.check(accepted.request());
                report = report.withPreflight(preflightReport);
                allValid &= preflightReport.exitStatus() != ExitStatus.FAILED;
                unavailable |= preflightReport.exitStatus() == ExitStatus.UNAVAILABLE;
            }
            out.println(report.toJsonLine());
            // A control request (renew, release, cancel) is valid too; it names no compute to pre-flight.
            allValid &= !(checked instanceof RequestCheck.Checked.Rejected);
        }
        out.flush();
        return (!allValid ? ExitStatus.FAILED : unavailable ? ExitStatus.UNAVAILABLE : ExitStatus.SUCCESS).code();
    }

    private boolean policyInEnvironment() {
        return Arrays.stream(Setting.values()).filter(s -> s.key().startsWith("POLICY_"))
                .anyMatch(s -> environment.variable(s.key()) != null);
    }
}
