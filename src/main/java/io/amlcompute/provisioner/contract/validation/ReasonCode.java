package io.amlcompute.provisioner.contract.validation;

/**
 * Stable reason codes for rejected requests. Producers branch on these, so a code is never renamed or reused;
 * new problems get new codes. The messages that accompany them may change.
 */
public enum ReasonCode {
    // The message as a whole.
    MESSAGE_TOO_LARGE,
    MALFORMED_JSON,
    DUPLICATE_KEY,
    NESTING_TOO_DEEP,
    NOT_AN_OBJECT,
    /**
     * The body is not text at all: an AMQP sequence, or an AMQP value that is not a string. Such a message never
     * reaches the function (the Functions host cannot bind it); it is answered from the dead-letter queue.
     */
    BODY_NOT_TEXT,
    UNSUPPORTED_SCHEMA_VERSION,
    // Shape of fields.
    MISSING_FIELD,
    UNKNOWN_FIELD,
    WRONG_TYPE,
    INVALID_VALUE,
    OUT_OF_RANGE,
    MIN_EXCEEDS_MAX,
    INVALID_DURATION,
    OPTION_NOT_APPLICABLE,
    // Actions and compute types.
    UNKNOWN_ACTION,
    UNKNOWN_COMPUTE_TYPE,
    TYPE_NOT_ALLOWED_FOR_ACTION,
    /** {@code compute.location} on an action or compute type that has no region of its own (attach). */
    LOCATION_NOT_SUPPORTED,
    // Identifiers and ARM names.
    INVALID_REQUEST_ID,
    INVALID_COMPUTE_NAME,
    INVALID_WORKSPACE_NAME,
    INVALID_RESOURCE_GROUP,
    INVALID_SUBSCRIPTION_ID,
    INVALID_RESOURCE_ID,
    WRONG_RESOURCE_TYPE,
    // Secrets.
    SECRET_INLINE,
    INVALID_SECRET_REF,
    // Policy from app settings.
    POLICY_WORKSPACE_NOT_ALLOWED,
    POLICY_VM_SIZE_NOT_ALLOWED,
    POLICY_MAX_NODES_EXCEEDED,
    POLICY_PRIORITY_NOT_ALLOWED,
    POLICY_SECRET_STORE_NOT_ALLOWED,
    POLICY_SUBNET_NOT_ALLOWED,
    POLICY_TIMEOUT_EXCEEDED,
    // Policy for compute instances.
    /** {@code compute.enableNodePublicIp} true on an instance where the app's policy allows no public IPs. */
    POLICY_PUBLIC_IP_NOT_ALLOWED,
    /** {@code compute.sshSettings.sshPublicAccess} Enabled on an instance where the app's policy allows no SSH. */
    POLICY_SSH_NOT_ALLOWED,
    /** {@code compute.idleTimeBeforeShutdown} longer than the app's policy lets an instance sit idle. */
    POLICY_IDLE_TIME_EXCEEDED,
    /** {@code options.lease.duration}, or a renewal, would hold the compute longer than POLICY_MAX_LEASE. */
    POLICY_LEASE_TOO_LONG,
    // Control requests (renew, release, cancel): the request they address.
    /** No request with that id is known. */
    UNKNOWN_REQUEST,
    /** The request already ended (its event was published); it can no longer be renewed, released or cancelled. */
    REQUEST_ENDED,
    /** The request holds no lease to renew or release. */
    NO_LEASE,
    /** The lease starts once the compute is ready; it cannot be renewed or released before. */
    LEASE_NOT_ACTIVE,
    /** The request is past the point a cancel can stop: its compute is ready and its event is out. */
    NOT_CANCELLABLE
}
