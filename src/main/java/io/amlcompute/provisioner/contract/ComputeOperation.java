package io.amlcompute.provisioner.contract;

/**
 * What a request does to one compute: the action and everything it needs. One record per action, so a
 * request can only carry the fields that its action uses.
 */
public sealed interface ComputeOperation
        permits EnsureAmlCompute, AttachCompute, UpdateScaleSettings, DetachCompute, DeleteCompute,
        EnsureComputeInstance, InstancePowerChange {

    /** The compute's name in the workspace, already checked against {@link ArmNames#isComputeName}. */
    String computeName();

    Action action();

    /** The compute type the action is about; for detach and delete, the type the request expects to find. */
    ComputeType computeType();
}
