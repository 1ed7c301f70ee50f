/**
 * The region pre-flight: before a write that allocates nodes (ensure's create or reconcile, update; a compute
 * instance's create, and the start of a stopped one, each one dedicated node of its size), read what ARM publishes for the region of the nodes and check the request against it, so a
 * request that cannot get its nodes fails in seconds instead of as a resize that never finishes.
 *
 * <p>What is read ({@link RegionReader}, 2025-12-01): {@code GET /subscriptions/{s}/providers/
 * Microsoft.MachineLearningServices/locations/{region}/vmSizes}, {@code .../usages} and {@code .../quotas}, scoped
 * to subscription and region, cached for a short while ({@link RegionOfferCache}). What is checked
 * ({@link PreflightCheck}): the VM size is offered there, for the compute type and the priority; the vCPUs needed
 * now ({@code waitForNodes} or {@code minNodes}) are left in the VM family's quota, the region's total for the
 * priority and a workspace-level quota; the vCPUs at {@code maxNodes} are left too (a warning only). How it ends
 * ({@link Preflight}, {@link PreflightVerdict}): the request's {@code options.preflight} decides whether findings
 * refuse it or travel as warnings; ARM errors on these reads are handled like any other ARM error.
 */
package io.amlcompute.provisioner.provisioning.preflight;
