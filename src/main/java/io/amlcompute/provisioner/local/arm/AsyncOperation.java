package io.amlcompute.provisioner.local.arm;

import java.time.Instant;
import java.util.Objects;

/**
 * A long-running operation on a compute, polled through its {@code Azure-AsyncOperation} (and for DELETE and the
 * power actions {@code Location}) URL. Its status is derived from the clock: in progress until {@code endTime}, then succeeded, or
 * failed with {@code failure} (e.g. a quota error decided when the PUT arrived).
 *
 * @param location the workspace's region; operation URLs live under {@code /locations/{location}}
 * @param failure  null when the operation succeeds
 */
record AsyncOperation(String id, WorkspaceKey workspace, String location, String computeName, Kind kind,
                      Instant startTime, Instant endTime, ArmError failure) {

    /** The operations of the compute API; START, STOP and RESTART are a compute instance's (Compute_Start, ...). */
    enum Kind { CREATE, UPDATE, DELETE, START, STOP, RESTART }

    /** {@code OperationStatusResult.status} values (ARM convention, common-types v3). */
    enum Status {
        IN_PROGRESS("InProgress"), SUCCEEDED("Succeeded"), FAILED("Failed"), CANCELED("Canceled");

        private final String wireName;

        Status(String wireName) {
            this.wireName = wireName;
        }

        String wireName() {
            return wireName;
        }
    }

    AsyncOperation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        if (endTime.isBefore(startTime)) {
            throw new IllegalArgumentException("operation " + id + " ends before it starts");
        }
    }

    boolean runningAt(Instant now) {
        return now.isBefore(endTime);
    }

    Status statusAt(Instant now) {
        if (runningAt(now)) {
            return Status.IN_PROGRESS;
        }
        return failure == null ? Status.SUCCEEDED : Status.FAILED;
    }
}
