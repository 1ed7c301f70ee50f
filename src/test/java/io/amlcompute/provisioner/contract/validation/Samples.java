package io.amlcompute.provisioner.contract.validation;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.contract.VmPriority;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The request samples users copy from, and small edits to them for table-driven tests. */
public final class Samples {

    public static final Path DIRECTORY = Path.of("samples", "requests");
    public static final String DEMO_WORKSPACE = "11111111-2222-3333-4444-555555555555/rg-ml-demo/mlw-demo";

    private Samples() {
    }

    /** The valid samples, one per action and attach kind. */
    public static List<Path> valid() {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            return files.filter(p -> p.toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().startsWith("invalid"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode load(String fileName) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(DIRECTORY.resolve(fileName).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String fileName) {
        try {
            return Files.readString(DIRECTORY.resolve(fileName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample with the value at {@code pointer} replaced by (or set to) the JSON {@code value}. */
    public static String with(String fileName, String pointer, String value) {
        ObjectNode root = load(fileName);
        JsonPointer at = JsonPointer.compile(pointer);
        ObjectNode parent = (ObjectNode) root.at(at.head());
        try {
            parent.set(at.last().getMatchingProperty(), Json.MAPPER.readTree(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return root.toString();
    }

    /** {@code json} with the value at {@code pointer} replaced by (or set to) the JSON {@code value}. */
    public static String set(String json, String pointer, String value) {
        ObjectNode root = (ObjectNode) tree(json);
        JsonPointer at = JsonPointer.compile(pointer);
        ((ObjectNode) root.at(at.head())).set(at.last().getMatchingProperty(), tree(value));
        return root.toString();
    }

    /** {@code json} without the field at {@code pointer}. */
    public static String remove(String json, String pointer) {
        ObjectNode root = (ObjectNode) tree(json);
        JsonPointer at = JsonPointer.compile(pointer);
        ((ObjectNode) root.at(at.head())).remove(at.last().getMatchingProperty());
        return root.toString();
    }

    /** The sample without the field at {@code pointer}. */
    public static String without(String fileName, String pointer) {
        ObjectNode root = load(fileName);
        JsonPointer at = JsonPointer.compile(pointer);
        ((ObjectNode) root.at(at.head())).remove(at.last().getMatchingProperty());
        return root.toString();
    }

    public static JsonNode tree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A policy that allows the demo workspace and is otherwise strict enough to test each policy rule. */
    public static RequestPolicy demoPolicy() {
        return new RequestPolicy(Set.of(DEMO_WORKSPACE), List.of("Standard_DS*_v2", "Standard_NC*"), 10,
                EnumSet.of(VmPriority.DEDICATED, VmPriority.LOW_PRIORITY), List.of("*.vault.azure.net", "local"),
                Duration.ofHours(6));
    }

    public static RequestValidator demoValidator() {
        return new RequestValidator(RequestDefaults.standard(), demoPolicy());
    }
}
