package io.amlcompute.provisioner.local.arm;

/**
 * What becomes of a new compute instance, decided at creation from the emulator's settings and kept with it, so a
 * restart of the emulator tells the same story. The states are ComputeInstanceState's (2025-12-01); which instance
 * meets which fate is the test's choice ({@code instanceCreateFailsFor}, {@code instanceUnusableFor}).
 */
enum InstanceFate {
    /** Creating, then Running. */
    HEALTHY,
    /** Creating, then CreateFailed: provisioningState Failed with the reason in provisioningErrors and errors. */
    CREATE_FAILS,
    /**
     * Creating, then Unusable: provisioning Succeeded but the machine is not usable, with the reason in errors. A
     * restart recovers it ("Please try to restart the compute instance to recover", the service's own message,
     * MicrosoftDocs/azure-docs issue 85756).
     */
    UNUSABLE
}
