package io.amlcompute.provisioner.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlcompute.provisioner.contract.Json;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Duration;

/**
 * {@code send --ensure NAME ...} / {@code send --delete NAME ...}, and a compute instance's {@code --start},
 * {@code --stop}, {@code --restart NAME}: the most common requests from flags instead of a file, written as request JSON
 * and then checked exactly like a file (a missing {@code --vm-size} is the validator's MISSING_FIELD at
 * {@code $.compute.vmSize}, not a flag error).
 */
final class RequestFlags {

    /** The name reports and messages use for a request built from flags. */
    static final String NAME = "(flags)";

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--ensure", paramLabel = "NAME", description = "Instead of FILE: ensure AmlCompute cluster NAME exists.")
    String ensure;

    @Option(names = "--delete", paramLabel = "NAME", description = "Instead of FILE: delete AmlCompute cluster NAME.")
    String delete;

    @Option(names = "--start", paramLabel = "NAME", description = "Instead of FILE: start compute instance NAME.")
    String start;

    @Option(names = "--stop", paramLabel = "NAME", description = "Instead of FILE: stop compute instance NAME.")
    String stop;

    @Option(names = "--restart", paramLabel = "NAME", description = "Instead of FILE: restart compute instance NAME.")
    String restart;

    @Option(names = "--workspace", paramLabel = "SUB/RG/WS",
            description = "With --ensure/--delete/--start/--stop/--restart: subscriptionId/resourceGroup/workspaceName.")
    String workspace;

    @Option(names = "--vm-size", paramLabel = "SIZE", description = "With --ensure: e.g. Standard_DS3_v2.")
    String vmSize;

    @Option(names = "--min-nodes", paramLabel = "N", description = "With --ensure (default 0).")
    Integer minNodes;

    @Option(names = "--max-nodes", paramLabel = "N", description = "With --ensure.")
    Integer maxNodes;

    @Option(names = "--vm-priority", paramLabel = "PRIORITY", description = "With --ensure: Dedicated or LowPriority.")
    String vmPriority;

    @Option(names = "--request-id", paramLabel = "ID", description = "With any request flag (default: a new UUID).")
    String requestId;

    @Option(names = "--request-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "With any request flag: the request's own deadline, options.timeout (default: the app's).")
    Duration requestTimeout;

    boolean given() {
        return ensure != null || delete != null || start != null || stop != null || restart != null || workspace != null || vmSize != null || minNodes != null
                || maxNodes != null || vmPriority != null || requestId != null || requestTimeout != null;
    }

    /** The request as JSON text, for the same check as a file. */
    String toRequestJson() {
        long actions = java.util.stream.Stream.of(ensure, delete, start, stop, restart).filter(java.util.Objects::nonNull)
                .count();
        if (actions != 1) {
            throw usage("give exactly one of --ensure, --delete, --start, --stop or --restart NAME");
        }
        if (ensure == null && (vmSize != null || minNodes != null || maxNodes != null || vmPriority != null)) {
            throw usage("--vm-size, --min-nodes, --max-nodes and --vm-priority go with --ensure only");
        }
        if (workspace == null || workspace.split("/", -1).length != 3) {
            throw usage("--workspace takes subscriptionId/resourceGroup/workspaceName");
        }
        String[] parts = workspace.split("/", -1);
        ObjectNode request = Json.MAPPER.createObjectNode();
        request.put("schemaVersion", "1.0");
        String action = ensure != null ? "ensure" : delete != null ? "delete" : start != null ? "start"
                : stop != null ? "stop" : "restart";
        request.put("action", action);
        if (requestId != null) {
            request.put("requestId", requestId);
        }
        ObjectNode ws = request.putObject("workspace");
        ws.put("subscriptionId", parts[0]);
        ws.put("resourceGroup", parts[1]);
        ws.put("workspaceName", parts[2]);
        ObjectNode compute = request.putObject("compute");
        String name = java.util.stream.Stream.of(ensure, delete, start, stop, restart)
                .filter(java.util.Objects::nonNull).findFirst().orElseThrow();
        compute.put("name", name);
        compute.put("type", ensure != null || delete != null ? "AmlCompute" : "ComputeInstance");
        if (vmSize != null) {
            compute.put("vmSize", vmSize);
        }
        if (vmPriority != null) {
            compute.put("vmPriority", vmPriority);
        }
        if (minNodes != null) {
            compute.put("minNodes", minNodes);
        }
        if (maxNodes != null) {
            compute.put("maxNodes", maxNodes);
        }
        if (requestTimeout != null) {
            request.putObject("options").put("timeout", requestTimeout.toString());
        }
        return request.toString();
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(mixee.commandLine(), message);
    }
}
