/**
 * The answer to request messages the Functions host can never deliver to the app: a body that is an AMQP sequence,
 * or an AMQP value that is not a string, fails the Service Bus trigger's binding before any app code runs, so such
 * a message is abandoned until Service Bus dead-letters it. {@link io.amlcompute.provisioner.undeliverable.UndeliverableRequests}
 * reads the requests queue's dead-letter queue through the {@link io.amlcompute.provisioner.undeliverable.DeadLetterQueue}
 * port and answers each of them with a {@code request.rejected} event ({@code BODY_NOT_TEXT}). No Azure SDK type
 * appears here; {@code events.ServiceBusDeadLetterQueue} is the adapter.
 */
package io.amlcompute.provisioner.undeliverable;
