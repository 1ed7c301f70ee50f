package io.amlcompute.provisioner.local.arm;

import io.amlcompute.provisioner.local.arm.InstanceView.State;
import java.net.HttpURLConnection;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * Compute_Start, Compute_Stop and Compute_Restart: {@code POST .../computes/{name}/start|stop|restart}, "actions to a
 * compute instance" that answer 202 and run as long-running operations (contract notes sections 2 and 4). The 202
 * carries {@code Location} (the operation's result URL: 202 while it runs, then 204, as 2026-07-01's
 * {@code final-state-via: location} without a result body) and {@code Retry-After}, as 2026-07-01 declares and the
 * 2025-12-01 example shows ({@code examples/Compute/restart.json}: 202 with Location); ARM's async contract requires a
 * Location on a 202 whatever the version declares.
 *
 * <p>Refusals, in order: 404 for an unknown compute; 400 {@code UserError} for another type ("Compute&lt;Action&gt; with
 * computeType ... is not supported", the service's wording for listNodes of an instance, MicrosoftDocs/azure-docs
 * issue 85756); 409 while another operation of the compute runs ("another operation on same entity is already
 * running", as for every write; the service answers Conflict while an instance is being deleted or shut down,
 * microsoft/vscode-tools-for-ai issue 2673); 400 when the state does not allow the action:
 * {@code StartComputeInstanceOnlyAllowedInStoppedState} ("Start Azure ML Compute Instance is only allowed when the
 * instance ... is in 'stopped' state", microsoft/vscode-tools-for-ai issues 1100 and 2096), and by analogy the
 * emulator's own {@code StopComputeInstanceOnlyAllowedInRunningState} and
 * {@code RestartComputeInstanceOnlyAllowedInRunningState} (a restart also recovers an Unusable instance, as the
 * service advises). The service reported the start refusal through the failed operation in one observed case; the
 * emulator answers the POST.
 */
final class InstancePowerCommands {

    /** The power actions, with ARM's names. */
    enum PowerAction {
        START(AsyncOperation.Kind.START, "Start"),
        STOP(AsyncOperation.Kind.STOP, "Stop"),
        RESTART(AsyncOperation.Kind.RESTART, "Restart");

        private final AsyncOperation.Kind kind;
        private final String title;

        PowerAction(AsyncOperation.Kind kind, String title) {
            this.kind = kind;
            this.title = title;
        }

        static java.util.Optional<PowerAction> of(String pathSegment) {
            for (PowerAction action : values()) {
                if (action.name().equalsIgnoreCase(pathSegment)) {
                    return java.util.Optional.of(action);
                }
            }
            return java.util.Optional.empty();
        }
    }

    private final ComputeLedger ledger;
    private final EmulatorSettings settings;
    private final OperationEndpoints operations;

    InstancePowerCommands(ComputeLedger ledger, EmulatorSettings settings, OperationEndpoints operations) {
        this.ledger = ledger;
        this.settings = settings;
        this.operations = operations;
    }

    ArmResponse post(Workspace workspace, String name, PowerAction action, ComputeContract contract) {
        Instant now = settings.clock().instant();
        return ledger.atomically(() -> {
            ObservedCompute existing = ledger.find(workspace.key(), name, now)
                    .orElseThrow(() -> ComputeQueries.notFound(workspace, name));
            ArmComputeType type = existing.stored().definition().computeType();
            if (type != ArmComputeType.COMPUTE_INSTANCE) {
                throw new ArmRefusal(HttpURLConnection.HTTP_BAD_REQUEST, ArmError.of("UserError", "Compute"
                        + action.title + " with computeType " + type.wireName() + " is not supported."));
            }
            ComputeCommands.refuseWhileBusy(existing, now);
            requireState(existing, action);
            AsyncOperation operation = new AsyncOperation(UUID.randomUUID().toString(), workspace.key(),
                    workspace.location(), existing.stored().name(), action.kind, now,
                    now.plus(settings.instancePowerTime()), null);
            ledger.save(existing.stored().withOperation(operation, now), now);
            return operations.withRetryAfter(ArmResponse.empty(HttpURLConnection.HTTP_ACCEPTED)
                    .withHeader("Location", operations.resultUrl(workspace, operation, contract)));
        });
    }

    private static void requireState(ObservedCompute compute, PowerAction action) {
        State state = compute.instance().orElseThrow().state();
        String name = compute.stored().name();
        switch (action) {
            case START -> {
                if (state != State.STOPPED) {
                    throw refusal("StartComputeInstanceOnlyAllowedInStoppedState", "Start", name, "stopped");
                }
            }
            case STOP -> {
                if (state != State.RUNNING) {
                    throw refusal("StopComputeInstanceOnlyAllowedInRunningState", "Stop", name, "running");
                }
            }
            case RESTART -> {
                if (state != State.RUNNING && state != State.UNUSABLE) {
                    throw refusal("RestartComputeInstanceOnlyAllowedInRunningState", "Restart", name,
                            "running' or 'unusable");
                }
            }
        }
    }

    private static ArmRefusal refusal(String code, String verb, String name, String allowed) {
        return new ArmRefusal(HttpURLConnection.HTTP_BAD_REQUEST, ArmError.of(code, verb
                + " Azure ML Compute Instance is only allowed when the instance " + name + " is in '"
                + allowed.toLowerCase(Locale.ROOT) + "' state"));
    }
}
