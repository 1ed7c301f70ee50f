package io.amlcompute.provisioner.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.local.host.DeployableFolder;
import io.amlcompute.provisioner.local.host.LocalFunctionsHost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code computectl host DIR}: another Java function app (a deployable folder, what {@code mvn package} writes) on
 * the local Functions host, as {@code func start} would run it from that folder, until Ctrl-C. Its triggers talk to
 * whatever its settings name: with {@code ServiceBusConnection} set to the connection string {@code computectl local}
 * printed, a consumer of the app's events runs against the local stack ({@link DeployableFolder} says how settings
 * are read). Prints one JSON line on stdout: the functions, the HTTP base URL and the function key.
 */
@Command(name = "host", sortOptions = false,
        description = {"Runs a Java function app's deployable folder on the local Functions host until Ctrl-C.",
                "As `func start` in that folder: app settings from its local.settings.json, an environment variable of"
                        + " the same name winning. Prints one JSON line (functions, HTTP base URL, function key) on"
                        + " stdout. Apps with Durable Functions bindings are refused: use `local` for this app."})
final class HostCommand implements Callable<Integer> {

    static final List<ExitStatus> EXITS = List.of(ExitStatus.SUCCESS, ExitStatus.UNAVAILABLE, ExitStatus.USAGE);

    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR",
            description = "The deployable folder: target/azure-functions/<app> after mvn package.")
    Path folder;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "0",
            description = "HTTP port of the host's HTTP triggers (default: a free one).")
    int httpPort;

    @Option(names = "--stop-after", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop after this long instead of waiting for Ctrl-C (for scripted runs).")
    Duration stopAfter;

    @Mixin
    HelpOption help;

    HostCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LocalFunctionsHost host;
        try {
            host = DeployableFolder.read(folder).start(environment.variables(), httpPort);
        } catch (Exception e) {
            err.println("computectl host: " + folder + " could not start: " + Failures.describe(e));
            err.flush();
            return ExitStatus.UNAVAILABLE.code();
        }
        Foreground foreground = Foreground.stoppedOnExit(() -> stop(host, err), "computectl-host-shutdown");
        try {
            out.println(handshake(host));
            out.flush();
            err.println("computectl host: running " + host.functionNames() + "; Ctrl-C stops it.");
            err.flush();
            Foreground.await(stopAfter);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            foreground.stopNow();
        }
        return ExitStatus.SUCCESS.code();
    }

    /** The key is on stdout only, as with {@code local}: a handshake, not a log. */
    private static String handshake(LocalFunctionsHost host) {
        ObjectNode line = Json.MAPPER.createObjectNode();
        host.functionNames().forEach(line.putArray("functions")::add);
        line.put("httpBaseUrl", host.httpBaseUri().toString());
        line.put("functionKey", host.functionKey());
        return line.toString();
    }

    private static void stop(LocalFunctionsHost host, PrintWriter err) {
        host.close();
        err.println("computectl host: stopped");
        err.flush();
    }

}
