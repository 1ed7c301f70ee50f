package io.amlcompute.provisioner.provisioning;

/** Starts the provisioning orchestration of a request, at most once per instance id. */
public interface OrchestrationStarter {

    /**
     * Schedules the orchestration unless an instance with this id exists already (in any state).
     *
     * @return true when this call started it, false when it was a duplicate
     * @throws RuntimeException when the Durable backend could not be reached; the message is then redelivered
     */
    boolean startIfAbsent(String instanceId, ProvisioningInput input);
}
