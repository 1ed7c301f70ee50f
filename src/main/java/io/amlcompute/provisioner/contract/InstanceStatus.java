package io.amlcompute.provisioner.contract;

import java.util.List;
import java.util.Set;

/**
 * A compute instance's own status, what a person waiting for their machine wants to know: ARM's
 * {@code properties.properties.state} (ComputeInstanceState: Creating, Running, Stopped, ... keeping ARM's spelling,
 * since the enum is extensible), the assigned user's object id, the last operation, and, only while it is Running,
 * where to reach it: its applications (JupyterLab, VS Code, ...) and SSH.
 *
 * @param assignedUserObjectId null for an instance created for nobody in particular
 * @param lastOperation        null when ARM did not report one
 * @param applications         ARM's {@code applications}; empty unless the instance is running
 * @param ssh                  SSH host and port; null unless the instance is running with public SSH
 */
public record InstanceStatus(String state, String assignedUserObjectId, LastOperation lastOperation,
                             List<Application> applications, SshEndpoint ssh) {

    /** States in which the machine is up and its endpoints lead somewhere. */
    public static final Set<String> RUNNING_STATES = Set.of("Running", "JobRunning");

    public InstanceStatus {
        boolean running = state != null && RUNNING_STATES.contains(state);
        applications = running && applications != null ? List.copyOf(applications) : List.of();
        ssh = running ? ssh : null;
    }

    /**
     * ARM's {@code lastOperation}: {@code operationName} (Create, Start, Stop, Restart, Reimage, Delete),
     * {@code operationStatus} (InProgress, Succeeded, CreateFailed, StartFailed, ...), its time (ISO-8601, as ARM
     * wrote it) and trigger (User, Schedule, IdleShutdown).
     */
    public record LastOperation(String name, String status, String time, String trigger) {
    }

    /** ARM's {@code ComputeInstanceApplication}: {@code displayName} and {@code endpointUri}. */
    public record Application(String displayName, String endpointUri) {
    }

    /** Where to SSH to: the instance's address and {@code sshSettings.sshPort}. */
    public record SshEndpoint(String host, int port) {
    }
}
