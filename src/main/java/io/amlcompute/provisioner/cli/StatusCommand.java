package io.amlcompute.provisioner.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.contract.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code computectl status REQUEST_ID --url BASE}: the function app's status API for one request (runtime status,
 * progress, and the completion event once done), printed as one JSON line.
 */
@Command(name = "status", sortOptions = false,
        description = {"Reads a request's status from the function app's status API.",
                "GET BASE/api/compute-requests/REQUEST_ID; prints the answer as one JSON line."})
final class StatusCommand implements Callable<Integer> {

    static final List<ExitStatus> EXITS = List.of(ExitStatus.SUCCESS, ExitStatus.NOT_FOUND, ExitStatus.UNAVAILABLE,
            ExitStatus.USAGE);
    /** Where the key may come from instead of --key, which process lists show. */
    static final String KEY_VARIABLE = "COMPUTECTL_FUNCTION_KEY";

    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REQUEST_ID", description = "The request id.")
    String requestId;

    @Option(names = "--url", required = true, paramLabel = "BASE",
            description = "The function app, e.g. https://my-app.azurewebsites.net or http://127.0.0.1:7071.")
    String url;

    @Option(names = "--key", paramLabel = "KEY",
            description = "Function key, sent as x-functions-key (prefer the environment variable " + KEY_VARIABLE + ").")
    String key;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "30s",
            description = "Connect and read timeout (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Mixin
    HelpOption help;

    StatusCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        StatusClient client;
        try {
            client = new StatusClient(url, key != null ? key : environment.variable(KEY_VARIABLE), timeout);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--url: " + e.getMessage());
        }
        StatusClient.Answer answer;
        try {
            answer = client.get(requestId);
        } catch (IOException e) {
            err.println("computectl status: cannot reach " + url + ": " + Failures.describe(e));
            err.flush();
            return ExitStatus.UNAVAILABLE.code();
        }
        JsonNode body = parse(answer.body());
        if (body != null) {
            out.println(body.toString());
            out.flush();
        }
        ExitStatus status = switch (answer.status()) {
            case 200 -> ExitStatus.SUCCESS;
            case 404 -> ExitStatus.NOT_FOUND;
            case 400 -> ExitStatus.USAGE;
            default -> ExitStatus.UNAVAILABLE;
        };
        err.println("computectl status: " + summary(answer.status(), body));
        err.flush();
        return status.code();
    }

    private String summary(int status, JsonNode body) {
        return switch (status) {
            case 200 -> requestId + " " + (body == null ? "(no JSON body)"
                    : StatusView.of(body).describe(environment.clock().instant()));
            case 404 -> requestId + " is not known to the status API (rejected, not received yet, or purged)";
            case 400 -> requestId + " is not a request id";
            case 401, 403 -> "the function key was refused (HTTP " + status + "); set --key or " + KEY_VARIABLE;
            default -> "the status API answered HTTP " + status;
        };
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            return node == null || node.isMissingNode() ? null : node;
        } catch (JacksonException e) {
            return null;
        }
    }
}
