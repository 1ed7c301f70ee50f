package io.amlcompute.provisioner.cli;

import io.amlcompute.provisioner.config.Settings;
import io.amlcompute.provisioner.contract.validation.MessageEnvelope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code computectl validate FILE...}: the function's own validation and policy, offline. One JSON line per file
 * on stdout; exit 0 when every file is valid, 1 otherwise. No input crashes it: an empty, binary, huge, deeply
 * nested or missing file is one rejection line like any other.
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

    @Override
    public Integer call() {
        Settings settings = settingsOptions.resolve(environment);
        int maxBytes = settings.requestDefaults().maxMessageBytes();
        RequestCheck check = new RequestCheck(settings.requestDefaults(), noPolicy ? null : settings.requestPolicy());
        PrintWriter out = spec.commandLine().getOut();
        boolean allValid = true;
        for (String file : files) {
            RequestCheck.Checked checked = check.check(RequestFile.read(file, maxBytes, environment.stdin()),
                    AS_SENT);
            out.println(checked.report().toJsonLine());
            allValid &= checked instanceof RequestCheck.Checked.Accepted;
        }
        out.flush();
        return (allValid ? ExitStatus.SUCCESS : ExitStatus.FAILED).code();
    }
}
