package io.amlcompute.provisioner.provisioning.preflight;

/**
 * Stable reason codes of the pre-flight, as {@code code} of an event's {@code errors[]} or {@code warnings[]} entry.
 * Consumers branch on these, so a code is never renamed or reused. The sentences beside them may change.
 */
public enum PreflightCode {
    /** The region does not offer the VM size to Azure ML at all. Refuses (enforce). */
    PREFLIGHT_VM_SIZE_NOT_OFFERED,
    /** The region offers the VM size, but not for this compute type ({@code supportedComputeTypes}). Refuses. */
    PREFLIGHT_VM_SIZE_NOT_FOR_COMPUTE_TYPE,
    /** LowPriority was asked for a size that is not {@code lowPriorityCapable} there. Refuses. */
    PREFLIGHT_LOW_PRIORITY_NOT_OFFERED,
    /** The vCPUs needed now exceed what is left of the VM family's quota for the priority. Refuses. */
    PREFLIGHT_FAMILY_QUOTA_EXCEEDED,
    /** The vCPUs needed now exceed what is left of the region's total for the priority. Refuses. */
    PREFLIGHT_REGIONAL_QUOTA_EXCEEDED,
    /** The vCPUs needed now exceed what is left of the workspace's quota for the family. Refuses. */
    PREFLIGHT_WORKSPACE_QUOTA_EXCEEDED,
    /** The vCPUs at {@code maxNodes} exceed what is left of a quota: the request goes ahead, with this warning. */
    PREFLIGHT_MAX_NODES_EXCEED_QUOTA,
    /** ARM refused the app's identity a region read (403): a role is missing. Fails (enforce) or warns (warn). */
    PREFLIGHT_READ_FORBIDDEN,
    /** A region read failed otherwise, and retrying will not help (e.g. unknown subscription). Fails or warns. */
    PREFLIGHT_READ_FAILED
}
