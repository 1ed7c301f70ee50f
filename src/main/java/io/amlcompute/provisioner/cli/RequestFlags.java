package io.amlcompute.provisioner.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlcompute.provisioner.contract.Json;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code send --ensure NAME ...}, {@code --delete NAME}, a compute instance's {@code --start}, {@code --stop},
 * {@code --restart NAME}, {@code --renew LEASE_ID --extend-by D},
 * {@code --release LEASE_ID}, {@code --cancel REQUEST_ID}: the common requests from flags instead of a file, written
 * as request JSON and then checked exactly like a file (a missing {@code --vm-size} is the validator's MISSING_FIELD
 * at {@code $.compute.vmSize}, not a flag error). Only combinations that no file could express (two actions, a flag
 * of another action) are usage errors here.
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

    @Option(names = "--renew", paramLabel = "LEASE_ID",
            description = "Instead of FILE: renew the lease LEASE_ID (the requestId of the ensure that holds it) by"
                    + " --extend-by.")
    String renew;

    @Option(names = "--release", paramLabel = "LEASE_ID",
            description = "Instead of FILE: release the lease LEASE_ID now; its onExpiry action runs.")
    String release;

    @Option(names = "--cancel", paramLabel = "REQUEST_ID",
            description = "Instead of FILE: cancel request REQUEST_ID while it is still being carried out.")
    String cancel;

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

    @Option(names = "--lease", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "With --ensure: hold the cluster on a lease this long from when it is ready"
                    + " (options.lease.duration).")
    Duration lease;

    @Option(names = "--on-expiry", paramLabel = "ACTION",
            description = "With --lease: delete (default) or scaleToZero when the lease ends.")
    String onExpiry;

    @Option(names = "--on-cancel", paramLabel = "keep|delete",
            description = "With --ensure: what a cancel does with a cluster this request created (default keep).")
    String onCancel;

    @Option(names = "--extend-by", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "With --renew: how much later the lease ends.")
    Duration extendBy;

    @Option(names = "--request-id", paramLabel = "ID", description = "The built request's own id (default: a new UUID).")
    String requestId;

    @Option(names = "--request-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "With a compute request flag: the request's own deadline, options.timeout (default: the app's).")
    Duration requestTimeout;

    boolean given() {
        return action() != null || workspace != null || vmSize != null || minNodes != null || maxNodes != null
                || vmPriority != null || lease != null || onExpiry != null || onCancel != null || extendBy != null
                || requestId != null || requestTimeout != null;
    }

    /** The request as JSON text, for the same check as a file. */
    String toRequestJson() {
        String action = action();
        if (action == null || actionsGiven().size() > 1) {
            throw usage("give exactly one of --ensure NAME, --delete NAME, --start NAME, --stop NAME, --restart NAME,"
                    + " --renew LEASE_ID, --release LEASE_ID or --cancel REQUEST_ID");
        }
        refuseOthers(action);
        ObjectNode request = Json.MAPPER.createObjectNode();
        request.put("schemaVersion", "1.0");
        request.put("action", action);
        if (requestId != null) {
            request.put("requestId", requestId);
        }
        switch (action) {
            case "renew" -> {
                request.put("leaseId", renew);
                if (extendBy == null) {
                    throw usage("--renew needs --extend-by DURATION: how much later the lease ends");
                }
                request.put("extendBy", extendBy.toString());
            }
            case "release" -> request.put("leaseId", release);
            case "cancel" -> request.put("targetRequestId", cancel);
            default -> computeRequest(request, action);
        }
        return request.toString();
    }

    private void computeRequest(ObjectNode request, String action) {
        if (workspace == null || workspace.split("/", -1).length != 3) {
            throw usage("--workspace takes subscriptionId/resourceGroup/workspaceName");
        }
        String[] parts = workspace.split("/", -1);
        ObjectNode ws = request.putObject("workspace");
        ws.put("subscriptionId", parts[0]);
        ws.put("resourceGroup", parts[1]);
        ws.put("workspaceName", parts[2]);
        ObjectNode compute = request.putObject("compute");
        compute.put("name", switch (action) {
            case "ensure" -> ensure;
            case "delete" -> delete;
            case "start" -> start;
            case "stop" -> stop;
            default -> restart;
        });
        // A power action is an instance's alone; ensure and delete from flags build a cluster's request.
        compute.put("type", action.equals("ensure") || action.equals("delete") ? "AmlCompute" : "ComputeInstance");
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
        if (requestTimeout == null && lease == null && onCancel == null) {
            return;
        }
        ObjectNode options = request.putObject("options");
        if (requestTimeout != null) {
            options.put("timeout", requestTimeout.toString());
        }
        if (lease != null) {
            ObjectNode terms = options.putObject("lease").put("duration", lease.toString());
            if (onExpiry != null) {
                terms.put("onExpiry", onExpiry);
            }
        }
        if (onCancel != null) {
            options.put("onCancel", onCancel);
        }
    }

    /** A flag that belongs to another action is a usage error, not silently dropped. */
    private void refuseOthers(String action) {
        List<String> stray = new ArrayList<>();
        boolean compute = !List.of("renew", "release", "cancel").contains(action);
        addIf(stray, !compute && workspace != null, "--workspace");
        addIf(stray, !compute && requestTimeout != null, "--request-timeout");
        boolean ensuring = action.equals("ensure");
        addIf(stray, !ensuring && vmSize != null, "--vm-size");
        addIf(stray, !ensuring && minNodes != null, "--min-nodes");
        addIf(stray, !ensuring && maxNodes != null, "--max-nodes");
        addIf(stray, !ensuring && vmPriority != null, "--vm-priority");
        addIf(stray, !ensuring && lease != null, "--lease");
        addIf(stray, !ensuring && onCancel != null, "--on-cancel");
        addIf(stray, !action.equals("renew") && extendBy != null, "--extend-by");
        if (!stray.isEmpty()) {
            throw usage(String.join(", ", stray) + (stray.size() == 1 ? " does" : " do") + " not go with --" + action);
        }
        if (onExpiry != null && lease == null) {
            throw usage("--on-expiry goes with --lease DURATION");
        }
    }

    private static void addIf(List<String> list, boolean condition, String flag) {
        if (condition) {
            list.add(flag);
        }
    }

    /** The wire name of the action the flags name; null when none does. */
    private String action() {
        List<String> given = actionsGiven();
        return given.isEmpty() ? null : given.get(0);
    }

    private List<String> actionsGiven() {
        List<String> given = new ArrayList<>();
        addIf(given, ensure != null, "ensure");
        addIf(given, delete != null, "delete");
        addIf(given, start != null, "start");
        addIf(given, stop != null, "stop");
        addIf(given, restart != null, "restart");
        addIf(given, renew != null, "renew");
        addIf(given, release != null, "release");
        addIf(given, cancel != null, "cancel");
        return given;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(mixee.commandLine(), message);
    }
}
