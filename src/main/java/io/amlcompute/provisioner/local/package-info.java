/**
 * Development and test tooling, never started by the deployed function app: the embedded Service Bus
 * emulator, the ARM emulator, the Durable Task backend, the local Functions host and the local secret store.
 * The packaged app jar excludes this package (see the jar plugin in pom.xml).
 *
 * <p>Start here: {@link io.amlcompute.provisioner.local.LocalStack} composes them into the whole app on one
 * machine ({@code LocalStack.main} runs it from the command line); {@link io.amlcompute.provisioner.local.DemoAzure}
 * is what its ARM emulator is seeded with. The parts live in {@code local.servicebus}, {@code local.arm},
 * {@code local.durable} and {@code local.host}.
 */
package io.amlcompute.provisioner.local;
