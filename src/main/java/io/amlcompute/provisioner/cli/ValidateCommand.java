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
 * <p>Which policy: {@code --settings FILE}; else {@code ./local.settings.json} when there is one (the app's own, in
 * a checkout); else the environment's {@code POLICY_*} variables. With none of them the policy would be all
 * defaults, whose empty workspace allow-list rejects every request, so only the structure is checked. Except with
 * {@code --settings} or {@code --no-policy}, stderr says which it was.
 */
@Command(name = "validate", sortOptions = false,
        description = {"Checks request files as the function does: structure, then the app's policy.",
                "Touches nothing. Prints one JSON line per file:"
                        + " {\"file\",\"valid\",\"errors\":[{\"code\",\"path\",\"message\"}]}."})
final class ValidateCommand implements Callable<Integer> {

    static final List<ExitStatus> EXITS = List.of(ExitStatus.SUCCESS, ExitStatus.FAILED, ExitStatus.USAGE);

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
        boolean allValid = true;
        for (String file : files) {
            RequestCheck.Checked checked = check.check(RequestFile.read(file, maxBytes, environment.stdin()),
                    AS_SENT);
            out.println(checked.report().toJsonLine());
            allValid &= !(checked instanceof RequestCheck.Checked.Rejected);
        }
        out.flush();
        return (allValid ? ExitStatus.SUCCESS : ExitStatus.FAILED).code();
    }

    private boolean policyInEnvironment() {
        return Arrays.stream(Setting.values()).filter(s -> s.key().startsWith("POLICY_"))
                .anyMatch(s -> environment.variable(s.key()) != null);
    }
}
