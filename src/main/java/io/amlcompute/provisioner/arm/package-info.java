/**
 * The ARM adapter: {@link io.amlcompute.provisioner.arm.ArmComputeGateway}, the
 * {@link io.amlcompute.provisioner.provisioning.ComputeGateway} over
 * {@code Microsoft.MachineLearningServices/workspaces/computes}, hand-built on azure-core's pipeline and
 * azure-core-management's ARM error model (docs/decisions/0002-hand-built-arm-client.md).
 *
 * <p>How a call travels: {@code ArmComputeGateway} (URL from the compute's resource id, body from
 * {@code ComputeRequestBodies} with the workspace's region as the envelope location, read once per workspace with
 * Workspaces_Get, secrets resolved into {@code SecretValues}) → {@code ArmExchange} (client request id,
 * bounded retries of throttled and transient failures) → the azure-core pipeline (user agent, ARM bearer challenge
 * policy) → ARM. Answers are read by {@code ComputeResourceReader}; failures are classified once by
 * {@code ArmErrors}. Build it with {@link io.amlcompute.provisioner.arm.ArmGateways#fromSettings}.
 */
package io.amlcompute.provisioner.arm;
