package io.amlcompute.provisioner.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CountDownLatch;

/**
 * The command line of {@link LocalStack#main}: starts a stack, prints ONE line of JSON with its endpoints on standard
 * output (logs go to standard error), and runs until the process is stopped (Ctrl-C, SIGTERM), closing the stack
 * cleanly on the way out. {@code computectl local} wraps it.
 *
 * <pre>
 * java -cp ... io.amlcompute.provisioner.local.LocalStack [--app-dir DIR] [--data-dir DIR]
 *      [--provisioning-time PT3S] [--service-bus-port N] [--arm-port N] [--durable-port N] [--http-port N]
 * </pre>
 *
 * The line: {@code {"serviceBusConnectionString":…,"armEndpoint":…,"statusApiBaseUrl":…,"functionKey":…,
 * "durablePort":…,"taskHubName":…,"dataDirectory":…|null}}. It carries the status API's key: standard output is the
 * handshake with the process that started the stack, not a log. Exit status 2 for bad arguments, 1 when the stack
 * cannot start.
 */
final class LocalStackMain {

    static final String USAGE = "usage: LocalStack [--app-dir DIR] [--data-dir DIR] [--provisioning-time ISO-8601]"
            + " [--service-bus-port N] [--arm-port N] [--durable-port N] [--http-port N]";

    /** Written to standard error once the stack has closed on the way out. */
    static final String STOPPED = "The local stack has stopped.";

    private LocalStackMain() {
    }

    static void run(String[] args) {
        OneLineLogFormat.install();
        LocalStackOptions options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        LocalStack stack;
        try {
            stack = LocalStack.start(options);
        } catch (Exception e) {
            System.err.println("The local stack could not start: " + e);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            // Straight to stderr: java.util.logging may already be shut down by its own hook.
            System.err.println(STOPPED);
            stopped.countDown();
        }, "local-stack-shutdown"));
        printEndpoints(stack, System.out);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static LocalStackOptions parse(String[] args) {
        LocalStackOptions options = LocalStackOptions.defaults();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + flag);
            }
            String value = args[++i];
            options = switch (flag) {
                case "--app-dir" -> options.withAppDirectory(Path.of(value));
                case "--data-dir" -> options.withDataDirectory(Path.of(value));
                case "--provisioning-time" -> options.withProvisioningTime(duration(value));
                case "--service-bus-port" -> options.withServiceBusPort(port(flag, value));
                case "--arm-port" -> options.withArmPort(port(flag, value));
                case "--durable-port" -> options.withDurablePort(port(flag, value));
                case "--http-port" -> options.withHttpPort(port(flag, value));
                default -> throw new IllegalArgumentException("unknown option " + flag);
            };
        }
        return options;
    }

    static void printEndpoints(LocalStack stack, PrintStream out) {
        out.println(stack.endpointsJson());
        out.flush();
    }

    private static Duration duration(String value) {
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--provisioning-time takes an ISO-8601 duration such as PT3S, got '"
                    + value + "'");
        }
    }

    private static int port(String flag, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " takes a port number, got '" + value + "'");
        }
    }
}
