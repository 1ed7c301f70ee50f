/**
 * Development and test tooling, never started by the deployed function app: the embedded Service Bus
 * emulator, the ARM emulator, the Durable Task backend, the local Functions host and the local secret store.
 * The packaged app jar excludes this package (see the jar plugin in pom.xml).
 */
package io.amlcompute.provisioner.local;
