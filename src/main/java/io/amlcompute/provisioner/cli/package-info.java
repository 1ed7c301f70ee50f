/**
 * {@code computectl}, the command line of the AML Compute Provisioner (see {@code docs/cli.md}); not deployed.
 *
 * <p>One thin picocli command per subcommand ({@code ValidateCommand}, {@code SendCommand}, {@code WaitCommand},
 * {@code WatchCommand}, {@code StatusCommand}, {@code ApplyCommand}, {@code LocalCommand}), wired in
 * {@code Computectl}. What they share lives in small classes: {@code SettingsOptions} and {@code ServiceBusOptions}
 * (where settings and connections come from), {@code RequestFile} and {@code RequestCheck} (reading and validating a
 * request exactly as the function does; {@code RequestFlags} builds one from flags, compute or control request),
 * {@code CompletionWaiter}, {@code ReceivedEvent} and {@code AwaitedEvent} (waiting for the event that answers a
 * request, a renew, release or cancel, or ends a lease; {@code OutgoingRequest} says which for what {@code send}
 * sent), {@code WaitProgress}, {@code StatusView} and {@code ProgressLine} (what to say while waiting),
 * {@code ExitStatus} (the exit codes), {@code InlineSteps} (the provisioning process run in-line for {@code apply}),
 * and {@code LocalDemo} with {@code DemoTraffic}, {@code DemoRow} and {@code LeaseAndCancelDemo} ({@code local --demo}).
 * JSON for machines on stdout, one object per line; words for people on stderr.
 */
package io.amlcompute.provisioner.cli;
