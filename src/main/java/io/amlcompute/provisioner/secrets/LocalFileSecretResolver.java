package io.amlcompute.provisioner.secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.contract.SecretRef;
import io.amlcompute.provisioner.provisioning.ErrorKind;
import io.amlcompute.provisioner.provisioning.ProvisioningException;
import io.amlcompute.provisioner.provisioning.SecretResolver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The local run's secret store: a JSON file {@code {"name": "value", ...}} (app setting {@code LOCAL_SECRETS_FILE})
 * serving {@code local:<name>} references. Read on every resolve, so edits apply without a restart. A missing file,
 * a missing name or a file that is not such an object is {@link ErrorKind#SECRET_UNAVAILABLE}; messages name the
 * file and the reference, never content (a JSON parser's message may quote the text it choked on). Thread-safe.
 */
final class LocalFileSecretResolver implements SecretResolver {

    private final Path file;

    LocalFileSecretResolver(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    @Override
    public String resolve(SecretRef ref) {
        SecretRef.Parts parts = ref.parts();
        if (!SecretRef.LOCAL_STORE.equals(parts.store())) {
            throw unavailable("SecretStoreNotLocal", "Secret " + ref + " is not a local: reference.");
        }
        JsonNode store = read(ref);
        JsonNode value = store.get(parts.name());
        if (value == null || value.isNull()) {
            throw unavailable("SecretNotFound", "Secret " + ref + " is not in the local secret store " + file + ".");
        }
        if (!value.isTextual() || value.textValue().isEmpty()) {
            throw unavailable("SecretNotText", "Secret " + ref + " in the local secret store " + file
                    + " is not a non-empty string.");
        }
        return value.textValue();
    }

    private JsonNode read(SecretRef ref) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw unavailable("SecretStoreMissing", "Secret " + ref + " cannot be read: the local secret store "
                    + file + " does not exist.");
        } catch (IOException e) {
            throw unavailable("SecretStoreUnreadable", "Secret " + ref + " cannot be read: the local secret store "
                    + file + " is not readable (" + e.getClass().getSimpleName() + ").");
        }
        try {
            JsonNode root = Json.MAPPER.readTree(content);
            if (root != null && root.isObject()) {
                return root;
            }
        } catch (JsonProcessingException e) {
            // Only the position: the parser's message may quote the secret text it failed on.
            throw unavailable("SecretStoreMalformed", "Secret " + ref + " cannot be read: the local secret store "
                    + file + " is not valid JSON"
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")") + ".");
        } catch (IOException e) {
            throw unavailable("SecretStoreUnreadable", "Secret " + ref + " cannot be read from " + file + ".");
        }
        throw unavailable("SecretStoreMalformed", "Secret " + ref + " cannot be read: the local secret store "
                + file + " is not a JSON object of names to values.");
    }

    private static ProvisioningException unavailable(String code, String message) {
        return new ProvisioningException(ErrorKind.SECRET_UNAVAILABLE, code, message);
    }

    @Override
    public String toString() {
        return "LocalFileSecretResolver[" + file + "]";
    }
}
