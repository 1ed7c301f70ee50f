package io.amlcompute.provisioner.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Duration;

/**
 * {@code --status-url BASE} and {@code --key KEY}: the status API a waiting command reads for progress, with the
 * same semantics as {@code status --url}/{@code --key} (the key also from {@value StatusCommand#KEY_VARIABLE}).
 * Named {@code --status-url} here because these commands otherwise talk to Service Bus.
 */
final class StatusApiOptions {

    /** One read may hold up the wait's receive loop this long at most. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--status-url", paramLabel = "BASE",
            description = "Show progress while waiting, read from this function app's status API every 10s"
                    + " (e.g. https://my-app.azurewebsites.net or http://127.0.0.1:7071).")
    String url;

    @Option(names = "--key", paramLabel = "KEY",
            description = "Function key for --status-url, sent as x-functions-key (prefer the environment variable "
                    + StatusCommand.KEY_VARIABLE + ").")
    String key;

    boolean given() {
        return url != null || key != null;
    }

    /** The status API when --status-url is given, else none with a hint on how to see progress. */
    WaitProgress.Source source(CliEnvironment environment) {
        if (url == null) {
            if (key != null) {
                throw usage("--key needs --status-url");
            }
            return new WaitProgress.Source.None(WaitProgress.HINT);
        }
        try {
            return new WaitProgress.Source.StatusApi(new StatusClient(url,
                    key != null ? key : environment.variable(StatusCommand.KEY_VARIABLE), READ_TIMEOUT));
        } catch (IllegalArgumentException e) {
            throw usage("--status-url: " + e.getMessage());
        }
    }

    CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(mixee.commandLine(), message);
    }
}
