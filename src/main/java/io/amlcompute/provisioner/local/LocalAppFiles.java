package io.amlcompute.provisioner.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.local.host.HostJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The files of the function app the local run reads from the app directory, as Core Tools would: host.json and
 * local.settings.json ({@code Values} become the app settings), and the local secret store they name.
 */
final class LocalAppFiles {

    static final String HOST_JSON = "host.json";
    static final String LOCAL_SETTINGS_JSON = "local.settings.json";

    private LocalAppFiles() {
    }

    /** host.json of the app directory; the Functions defaults when there is none. */
    static HostJson hostJson(Path appDirectory) throws IOException {
        Path file = appDirectory.resolve(HOST_JSON);
        return Files.exists(file) ? HostJson.read(file) : HostJson.defaults();
    }

    /** The {@code Values} of local.settings.json, as text. */
    static Map<String, String> localSettings(Path appDirectory) throws IOException {
        Path file = appDirectory.resolve(LOCAL_SETTINGS_JSON);
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toAbsolutePath().toString(), null,
                    "the local run reads its app settings from " + LOCAL_SETTINGS_JSON
                            + "; start it in the app's directory or name that directory");
        }
        Map<String, String> values = new LinkedHashMap<>();
        root.path("Values").fields().forEachRemaining(entry -> {
            if (!entry.getValue().isNull()) {
                values.put(entry.getKey(), entry.getValue().isTextual() ? entry.getValue().asText()
                        : entry.getValue().toString());
            }
        });
        return values;
    }

    /** A path setting as the app will read it: relative paths are relative to the app directory. */
    static Path resolve(Path appDirectory, String path) {
        return appDirectory.resolve(path).toAbsolutePath().normalize();
    }

    /** One entry of a local secret store file (a JSON object of names to values); empty when absent. */
    static Optional<String> localSecret(Path secretsFile, String name) throws IOException {
        if (!Files.exists(secretsFile)) {
            return Optional.empty();
        }
        JsonNode value = Json.MAPPER.readTree(Files.readString(secretsFile)).get(name);
        return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }
}
