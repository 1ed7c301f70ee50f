package io.amlcompute.provisioner.cli;

import io.amlcompute.provisioner.config.Setting;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --arm-endpoint} and {@code --auth}: where the commands that talk to ARM ({@code apply}, {@code validate
 * --preflight}) send their calls, as app settings on top of the others.
 */
final class ArmOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--arm-endpoint", paramLabel = "URL",
            description = "ARM endpoint (default: ARM_ENDPOINT or https://management.azure.com).")
    String armEndpoint;

    @Option(names = "--auth", paramLabel = "default|none",
            description = "default: DefaultAzureCredential (az login, environment, managed identity). none: no token,"
                    + " for a loopback emulator only. Default: from ARM_AUTH, else default.")
    String auth;

    /** ARM_ENDPOINT and ARM_AUTH as the options set them; empty for options not given. */
    Map<String, String> overrides() {
        Map<String, String> overrides = new HashMap<>();
        if (armEndpoint != null) {
            overrides.put(Setting.ARM_ENDPOINT.key(), armEndpoint);
        }
        if (auth != null) {
            overrides.put(Setting.ARM_AUTH.key(), switch (auth.trim().toLowerCase(Locale.ROOT)) {
                case "default", "managedidentity" -> "managedidentity";
                case "none" -> "none";
                default -> throw new CommandLine.ParameterException(mixee.commandLine(),
                        "--auth must be default or none, not '" + auth + "'");
            });
        }
        return overrides;
    }
}
