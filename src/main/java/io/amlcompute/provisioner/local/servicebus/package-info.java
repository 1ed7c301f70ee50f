/**
 * The embedded Service Bus emulator: an AMQP 1.0 broker the unmodified {@code azure-messaging-servicebus} client
 * accepts. Start at {@link io.amlcompute.provisioner.local.servicebus.ServiceBusEmulator}; configure with
 * {@link io.amlcompute.provisioner.local.servicebus.ServiceBusEmulatorConfig}.
 *
 * <p>How it is laid out: {@code AmqpServer} accepts sockets; {@code AmqpConnection} runs one connection's proton-j
 * transport on its own thread; {@code ConnectionLinks} decides what each link is for ({@code InboundMessageLink},
 * {@code OutboundMessageLink}, {@code RequestLink} to the {@code ClaimsBasedSecurityNode} or a
 * {@code ManagementNode}, {@code ReplyLink}). The broker rules live in {@code Namespace} (entities, one lock, the
 * clock), {@code QueueEntity}/{@code TopicEntity} (numbering, duplicates, scheduling, fan-out) and
 * {@code MessageStore} (locks, settlement, sessions, expiry), persisted through a {@code MessageJournal}.
 * See {@code docs/local/servicebus-emulator.md}.
 */
package io.amlcompute.provisioner.local.servicebus;
