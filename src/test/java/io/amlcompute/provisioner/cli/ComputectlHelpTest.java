package io.amlcompute.provisioner.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --help} on every command registered with picocli, so a command added later is covered too. */
class ComputectlHelpTest {

    /** Every command path under computectl, nested ones included, e.g. {@code [send]}. */
    static List<List<String>> commands() {
        List<List<String>> paths = new ArrayList<>();
        collect(Computectl.commandLine(CliRun.environment(Map.of())), List.of(), paths);
        return paths;
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
        command.getSubcommands().forEach((name, sub) -> {
            if (!sub.getCommandName().equals(name)) {
                return; // an alias of a command already listed
            }
            List<String> subPath = new ArrayList<>(path);
            subPath.add(name);
            paths.add(subPath);
            collect(sub, subPath, paths);
        });
    }

    @ParameterizedTest(name = "{0} --help")
    @MethodSource("commands")
    void printsUsageOnStdoutAndExitsZero(List<String> command) {
        List<String> args = new ArrayList<>(command);
        args.add("--help");

        CliRun.Result result = CliRun.run(Map.of(), args.toArray(String[]::new)).withoutStackTrace();

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("Usage: computectl " + String.join(" ", command))
                .contains("-h, --help");
        assertThat(result.err()).isEmpty();
    }

    @ParameterizedTest(name = "{0} -h")
    @MethodSource("commands")
    void theShortFormDoesTheSame(List<String> command) {
        List<String> args = new ArrayList<>(command);
        args.add("-h");

        CliRun.Result result = CliRun.run(Map.of(), args.toArray(String[]::new));

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("Usage: computectl " + String.join(" ", command));
    }

    @org.junit.jupiter.api.Test
    void everyTopLevelCommandIsListed() {
        assertThat(commands()).extracting(path -> path.get(0))
                .contains("validate", "send", "wait", "watch", "status", "apply", "local");
    }
}
