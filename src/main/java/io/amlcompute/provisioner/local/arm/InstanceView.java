package io.amlcompute.provisioner.local.arm;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A compute instance as a GET at one instant sees it: its {@code state} (ComputeInstanceState), its
 * {@code lastOperation} (ComputeInstanceLastOperation) and its {@code errors}.
 */
record InstanceView(State state, LastOperation lastOperation, List<ArmError> errors) {

    InstanceView {
        errors = List.copyOf(errors);
    }

    /** The ComputeInstanceState values the emulator produces (2025-12-01 has also JobRunning, SettingUp, ...). */
    enum State {
        CREATING("Creating"), CREATE_FAILED("CreateFailed"), DELETING("Deleting"), RUNNING("Running"),
        RESTARTING("Restarting"), STARTING("Starting"), STOPPED("Stopped"), STOPPING("Stopping"),
        UNUSABLE("Unusable");

        private static final Set<State> IN_TRANSITION = Set.of(CREATING, DELETING, RESTARTING, STARTING, STOPPING);

        private final String wireName;

        State(String wireName) {
            this.wireName = wireName;
        }

        String wireName() {
            return wireName;
        }

        /** Between two settled states: another action now is answered 409. */
        boolean inTransition() {
            return IN_TRANSITION.contains(this);
        }
    }

    /**
     * {@code lastOperation}: {@code operationName} Create, Start, Stop, Restart or Delete; {@code operationStatus}
     * InProgress, Succeeded or &lt;name&gt;Failed; {@code operationTrigger} always User here (no schedules fire).
     */
    record LastOperation(String name, Instant time, String status) {
    }

    /** Whether the instance's applications and connectivity endpoints can be reached. */
    boolean running() {
        return state == State.RUNNING;
    }
}
