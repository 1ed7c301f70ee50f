package io.amlcompute.provisioner.cli;

import io.amlcompute.provisioner.local.LocalStack;
import io.amlcompute.provisioner.local.LocalStackOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code computectl local}: the whole app on this machine ({@link LocalStack}: Service Bus and ARM emulators, the
 * Durable backend and a local Functions host running the unmodified app), until Ctrl-C. Prints one JSON line with
 * the endpoints on stdout, the handshake for scripts, and how to use them on stderr.
 */
@Command(name = "local", sortOptions = false,
        description = {"Runs the whole app on this machine until Ctrl-C.",
                "Service Bus and ARM emulators, the Durable backend and a local Functions host running the app, in"
                        + " this process. Prints one JSON line with the endpoints (and the status API's key) on"
                        + " stdout; reads host.json and local.settings.json from the app directory."})
final class LocalCommand implements Callable<Integer> {

    static final List<ExitStatus> EXITS = List.of(ExitStatus.SUCCESS, ExitStatus.FAILED, ExitStatus.UNAVAILABLE,
            ExitStatus.USAGE);

    @Spec
    CommandSpec spec;

    @Option(names = "--app-dir", paramLabel = "DIR", description = "Where host.json and local.settings.json are (default: .).")
    Path appDirectory;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep messages, orchestrations and computes here across restarts (default: in memory).")
    Path dataDirectory;

    @Option(names = "--provisioning-time", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long the ARM emulator takes to create, update or delete a compute (default 3s).")
    Duration provisioningTime;

    @Option(names = "--service-bus-port", paramLabel = "PORT", defaultValue = "0",
            description = "AMQP port of the Service Bus emulator (default: a free one).")
    int serviceBusPort;

    @Option(names = "--arm-port", paramLabel = "PORT", defaultValue = "0",
            description = "HTTP port of the ARM emulator (default: a free one).")
    int armPort;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "0",
            description = "HTTP port of the Functions host, i.e. the status API (default: a free one).")
    int httpPort;

    @Option(names = "--stop-after", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop after this long instead of waiting for Ctrl-C (for scripted runs).")
    Duration stopAfter;

    @Option(names = "--demo",
            description = {"Send the samples through the stack (create a cluster, the same again, attach Databricks,"
                    + " attach a VM, a bad request; a cluster on a lease that is renewed, released and deleted at"
                    + " the lease's end; an ensure cancelled while it waits), print each event on stdout and a"
                    + " summary on stderr, then stop.", "Exit 0 only when every event is the expected one."})
    boolean demo;

    @Option(names = "--demo-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "PT2M", description = "How long the demo waits for each event (default 2m).")
    Duration demoTimeout;

    @Mixin
    HelpOption help;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LocalStackOptions options;
        try {
            options = options();
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (demo) {
            QuietLogging.warningsOnly();
        }
        LocalStack stack;
        try {
            stack = LocalStack.start(options);
        } catch (Exception e) {
            err.println("computectl local: the local stack could not start: " + Failures.describe(e));
            err.flush();
            return ExitStatus.UNAVAILABLE.code();
        }
        // Ctrl-C ends the JVM without returning here: the hook closes the stack (its data directory) cleanly.
        Foreground foreground = Foreground.stoppedOnExit(() -> stop(stack, err), "computectl-local-shutdown");
        if (demo) {
            return runDemo(stack, foreground, out, err);
        }
        try {
            out.println(stack.endpointsJson());
            out.flush();
            printHints(stack, err);
            Foreground.await(stopAfter);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            foreground.stopNow();
        }
        return ExitStatus.SUCCESS.code();
    }

    private int runDemo(LocalStack stack, Foreground foreground, PrintWriter out, PrintWriter err) {
        Path samples = (appDirectory == null ? Path.of(".") : appDirectory).resolve("samples").resolve("requests");
        try {
            err.println("computectl local --demo: the stack is up (ARM emulator " + stack.armEndpoint()
                    + "); sending the samples from " + samples);
            err.flush();
            boolean passed = new LocalDemo(stack, samples, out, err).run(demoTimeout);
            return passed ? ExitStatus.SUCCESS.code() : ExitStatus.FAILED.code();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitStatus.FAILED.code();
        } catch (Exception e) {
            err.println("computectl local --demo: " + Failures.describe(e));
            err.flush();
            return ExitStatus.UNAVAILABLE.code();
        } finally {
            foreground.stopNow();
        }
    }

    /** Straight to the writer: java.util.logging may already be shut down by its own hook. */
    private static void stop(LocalStack stack, PrintWriter err) {
        stack.close();
        err.println("computectl local: stopped");
        err.flush();
    }

    private LocalStackOptions options() {
        LocalStackOptions options = LocalStackOptions.defaults()
                .withServiceBusPort(serviceBusPort).withArmPort(armPort).withHttpPort(httpPort);
        if (appDirectory != null) {
            options = options.withAppDirectory(appDirectory);
        }
        if (dataDirectory != null) {
            options = options.withDataDirectory(dataDirectory);
        }
        if (provisioningTime != null) {
            options = options.withProvisioningTime(provisioningTime);
        }
        return options;
    }

    /** How to point the other commands at this stack; the key stays on stdout only. */
    private static void printHints(LocalStack stack, PrintWriter err) {
        err.println("computectl local: running; Ctrl-C stops it. In another shell:");
        err.println("  export " + ServiceBusOptions.CONNECTION_STRING_VARIABLE + "='"
                + stack.serviceBusConnectionString() + "'");
        err.println("  bin/computectl send samples/requests/ensure-amlcompute.json --settings local.settings.json --wait");
        err.println("  bin/computectl watch --max-events 10");
        err.println("  bin/computectl status demo-ensure-aml-cluster-001 --url " + stack.statusApiBaseUrl()
                + " --key <functionKey from the JSON line>");
        err.println("  bin/computectl apply samples/requests/ensure-amlcompute.json --settings local.settings.json"
                + " --arm-endpoint " + stack.armEndpoint() + " --auth none");
        err.flush();
    }
}
