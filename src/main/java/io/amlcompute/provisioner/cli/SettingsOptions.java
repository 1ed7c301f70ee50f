package io.amlcompute.provisioner.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.config.Setting;
import io.amlcompute.provisioner.config.Settings;
import io.amlcompute.provisioner.contract.Json;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code --settings FILE}: app settings from a {@code local.settings.json}-style file ({@code {"Values": {...}}}),
 * on top of the environment variables, so the CLI applies the same policy, entity names and endpoints as the
 * function app it talks to. Command options go on top of both.
 */
final class SettingsOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--settings", paramLabel = "FILE",
            description = "App settings from a local.settings.json-style file (its \"Values\"), over the environment.")
    Path file;

    /** The environment's settings with the file's values on top. */
    Settings resolve(CliEnvironment environment) {
        if (file == null) {
            return environment.settings();
        }
        return environment.settings().with(read(file));
    }

    /** Whether the environment sets any of the app's {@code POLICY_*} settings. */
    static boolean policyInEnvironment(CliEnvironment environment) {
        return Arrays.stream(Setting.values()).filter(s -> s.key().startsWith("POLICY_"))
                .anyMatch(s -> environment.variable(s.key()) != null);
    }

    /** Whether {@code --settings} was given. */
    boolean given() {
        return file != null;
    }

    /** The environment's settings with {@code path}'s values on top, read as {@code --settings path} would be. */
    Settings resolveWith(CliEnvironment environment, Path path) {
        return environment.settings().with(read(path));
    }

    private Map<String, String> read(Path path) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(Files.readString(path));
        } catch (JacksonException e) {
            throw usage("--settings " + path + " is not valid JSON (line " + e.getLocation().getLineNr() + ")");
        } catch (IOException | RuntimeException e) {
            throw usage("--settings " + path + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        JsonNode values = root == null ? null : root.get("Values");
        if (values == null || !values.isObject()) {
            throw usage("--settings " + path + " has no \"Values\" object; it should look like local.settings.json");
        }
        Map<String, String> settings = new HashMap<>();
        for (Map.Entry<String, JsonNode> entry : values.properties()) {
            JsonNode value = entry.getValue();
            if (!value.isValueNode() || value.isNull()) {
                throw usage("--settings " + path + ": Values." + entry.getKey() + " must be a string");
            }
            settings.put(entry.getKey(), value.asText());
        }
        return settings;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(mixee.commandLine(), message);
    }
}
