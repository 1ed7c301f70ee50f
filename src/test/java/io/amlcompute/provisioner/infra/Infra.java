package io.amlcompute.provisioner.infra;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.contract.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The repository files the infrastructure tests read: the Bicep under infra/, azure.yaml, host and app settings. */
final class Infra {

    static final String MAIN = "infra/main.bicep";

    private Infra() {
    }

    /** The project folder: Maven runs tests there. */
    static Path root() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    }

    static Path file(String relative) {
        Path file = root().resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("missing " + relative);
        }
        return file;
    }

    static String text(String relative) {
        try {
            return Files.readString(file(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String relative) {
        try {
            return Json.MAPPER.readTree(file(relative).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BicepFile main() {
        return bicep(MAIN);
    }

    static BicepFile bicep(String relative) {
        return BicepFile.read(file(relative));
    }

    /** The module main.bicep deploys from {@code modulePath} (relative to infra/), read. */
    static BicepFile moduleOfMain(String modulePath) {
        main().module(modulePath);
        return bicep("infra/" + modulePath);
    }

    /** Every .bicep file under infra/. */
    static List<BicepFile> allBicep() {
        try (Stream<Path> files = Files.walk(root().resolve("infra"))) {
            return files.filter(f -> f.toString().endsWith(".bicep")).sorted().map(BicepFile::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A {@code <properties>} value of pom.xml. */
    static String pomProperty(String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]*)</" + Pattern.quote(name) + ">")
                .matcher(text("pom.xml"));
        if (!m.find()) {
            throw new AssertionError("pom.xml has no <" + name + ">");
        }
        return m.group(1).strip();
    }
}
