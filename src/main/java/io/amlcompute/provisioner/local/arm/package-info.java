/**
 * The ARM emulator: an embedded HTTP(S) server that speaks the Azure Machine Learning
 * {@code workspaces/computes} REST API (api-version 2025-12-01) as management.azure.com would, for the ARM gateway's
 * tests, the local stack and benchmarks. Start one with {@link io.amlcompute.provisioner.local.arm.ArmEmulator#builder()}.
 *
 * <p>How a request travels: {@code ArmHttpHandler} (faults, request log, wire) → {@code ArmRouter} (bearer check,
 * path, api-version, seeded workspace) → {@code ComputeCommands} (PUT/PATCH/DELETE decisions) or {@code ComputeQueries}
 * (GET/list) or {@code OperationEndpoints} (LRO polling). Bodies are checked by {@code PutBodyRules} and
 * {@code PatchBodyRules} against shapes derived from the OpenAPI ({@code ComputeResourceShapes},
 * {@code ComputeTypeShapes}). State lives in {@code ComputeLedger}; what a compute looks like at an instant is
 * computed by {@code ComputeTimeline} from the injected clock, so nothing runs in the background.
 */
package io.amlcompute.provisioner.local.arm;
