package io.amlcompute.provisioner.cli;

import io.amlcompute.provisioner.config.Settings;
import io.amlcompute.provisioner.local.OneLineLogFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code computectl}, the command line of the AML Compute Provisioner: validate request files, send them to the
 * requests queue, wait for and watch completion events, read the status API, or run a request directly against
 * ARM. Machine-readable JSON goes to stdout, one object per line; progress and errors for people go to stderr.
 * Exit codes are the same across commands ({@link ExitStatus}); see {@code docs/cli.md}.
 *
 * <p>Not deployed: the app jar excludes this package, and picocli is a provided-scope dependency. Run it with
 * {@code bin/computectl}.
 */
@Command(name = "computectl", sortOptions = false,
        description = "The command line of the AML Compute Provisioner.",
        footer = {"", "Run 'computectl COMMAND --help' for a command's options and exit codes."})
public final class Computectl implements Callable<Integer> {

    /** Set to print stack traces of unexpected errors on stderr. */
    static final String DEBUG_VARIABLE = "COMPUTECTL_DEBUG";

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    private Computectl() {
    }

    public static void main(String[] args) {
        QuietLogging.silenceMissingBinding();
        OneLineLogFormat.install();
        System.exit(commandLine(CliEnvironment.system()).execute(args));
    }

    /** The command tree, ready to {@code execute}; set its out and err writers to capture output. */
    static CommandLine commandLine(CliEnvironment environment) {
        CommandLine root = new CommandLine(new Computectl());
        add(root, new ValidateCommand(environment), ValidateCommand.EXITS);
        add(root, new SendCommand(environment), SendCommand.EXITS);
        add(root, new WaitCommand(environment), WaitCommand.EXITS);
        add(root, new WatchCommand(environment), WatchCommand.EXITS);
        add(root, new StatusCommand(environment), StatusCommand.EXITS);
        add(root, new ApplyCommand(environment), ApplyCommand.EXITS);
        add(root, new LocalCommand(), LocalCommand.EXITS);
        add(root, new HostCommand(environment), HostCommand.EXITS);
        root.setParameterExceptionHandler(Computectl::onBadInput);
        root.setExecutionExceptionHandler((e, commandLine, parseResult) -> onFailure(e, commandLine, environment));
        return root;
    }

    /** Without a command: the usage, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitStatus.USAGE.code();
    }

    private static void add(CommandLine root, Object command, List<ExitStatus> exits) {
        root.addSubcommand(command);
        String name = command.getClass().getAnnotation(Command.class).name();
        root.getSubcommands().get(name).getCommandSpec().usageMessage()
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(ExitStatus.helpList(exits));
    }

    /** Bad options or arguments: one line saying what, a hint, no usage dump. */
    private static int onBadInput(CommandLine.ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        String name = commandLine.getCommandSpec().qualifiedName();
        commandLine.getErr().println(name + ": " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, commandLine.getErr());
        commandLine.getErr().println("Run '" + name + " --help' for usage.");
        commandLine.getErr().flush();
        return ExitStatus.USAGE.code();
    }

    /**
     * Anything a command did not turn into an exit status: one line on stderr, never a stack trace (unless
     * {@value #DEBUG_VARIABLE} is set). Bad settings are usage errors; everything else means a service could
     * not be reached or refused the call.
     */
    private static int onFailure(Exception e, CommandLine commandLine, CliEnvironment environment) {
        commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + Failures.describe(e));
        if (environment.variable(DEBUG_VARIABLE) != null) {
            e.printStackTrace(commandLine.getErr());
        }
        commandLine.getErr().flush();
        return (e instanceof Settings.SettingsException ? ExitStatus.USAGE : ExitStatus.UNAVAILABLE).code();
    }
}
