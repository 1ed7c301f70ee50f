/**
 * The embedded Durable Task backend of the local stack: what the Durable Functions extension is to the Functions
 * host, for the unmodified durabletask-java 1.4.0 worker and client. Start here: {@link
 * io.amlcompute.provisioner.local.durable.DurableTaskBackend}.
 *
 * <ul>
 *   <li>{@code SidecarService}: the {@code TaskHubSidecarService} gRPC surface; translation only.</li>
 *   <li>{@code InstanceTransitions}: an instance's life (start/replace, events, suspend, terminate, continue as
 *       new, finish).</li>
 *   <li>{@code OrchestratorTurns}: builds a turn's OrchestratorRequest and commits the worker's actions.</li>
 *   <li>{@code WorkItemDispatcher}: leases work items to worker streams, redelivers what a lost worker held.</li>
 *   <li>{@code DurableTimers}: wakes the dispatcher as the clock passes timers and scheduled starts.</li>
 *   <li>{@code InstanceQueries}, {@code InstanceWaiters}: what clients read, query, purge and wait for.</li>
 *   <li>{@code HubDatabase}, {@code InstanceStore}, {@code WorkQueue}: SQLite, transactions, the hub lock.</li>
 *   <li>{@link io.amlcompute.provisioner.local.durable.LocalDurableClientContext}: the Durable client binding
 *       value for a local Functions host.</li>
 * </ul>
 */
package io.amlcompute.provisioner.local.durable;
