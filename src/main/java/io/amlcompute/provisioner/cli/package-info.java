/**
 * {@code computectl}, the command line of the AML Compute Provisioner (see {@code docs/cli.md}); not deployed.
 *
 * <p>One thin picocli command per subcommand ({@code ValidateCommand}, {@code SendCommand}, {@code WaitCommand},
 * {@code WatchCommand}, {@code StatusCommand}, {@code ApplyCommand}, {@code LocalCommand}), wired in
 * {@code Computectl}. What they share lives in small classes: {@code SettingsOptions} and {@code ServiceBusOptions}
 * (where settings and connections come from), {@code RequestFile} and {@code RequestCheck} (reading and validating a
 * request exactly as the function does), {@code CompletionWaiter} and {@code ReceivedEvent} (waiting for an event),
 * {@code WaitProgress} and {@code StatusView} (what to say while waiting), {@code ExitStatus} (the exit codes),
 * {@code InlineSteps} (the provisioning process run in-line for {@code apply}).
 * JSON for machines on stdout, one object per line; words for people on stderr.
 */
package io.amlcompute.provisioner.cli;
