package io.amlcompute.provisioner.local.arm;

/**
 * What becomes of an AmlCompute cluster's nodes once they are allocated, decided when the cluster is created from the
 * emulator's settings and kept with it (so a restart tells the same story). The spec gives the states
 * ({@code nodeStateCounts}: idle, running, preparing, unusable, leaving, preempted; node-setup failures in
 * {@code properties.properties.errors}); which cluster meets which fate is the test's choice.
 */
enum NodeFate {
    /** Nodes become idle (after {@code nodePreparationTime} spent preparing). */
    HEALTHY,
    /** Node setup fails: every node is unusable and {@code errors} says why ({@code nodeSetupFailsFor}). */
    SETUP_FAILS,
    /**
     * Nodes are preempted once allocated: a LowPriority cluster only, since Azure ML takes back low-priority VMs
     * and never dedicated ones ({@code preemptsNodesFor}).
     */
    PREEMPTED,
    /**
     * A resize up gets no new nodes: the pool returns to Steady at its old count, below target, with a quota error in
     * {@code errors} ({@code resizeBlockedFor}). Contract notes section 7: AmlCompute quota is consumed when nodes are
     * allocated, so a shortage shows as a resize that stays below target with node errors.
     */
    RESIZE_BLOCKED
}
