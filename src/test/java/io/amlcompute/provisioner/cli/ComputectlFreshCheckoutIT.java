package io.amlcompute.provisioner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.contract.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bin/computectl} on a fresh clone: no {@code target/} at all, so the launcher must compile the project
 * and build its classpath file before running the CLI, and keep Maven's output to itself while doing so.
 * Offline ({@code -o}): the same build that runs this test has just warmed {@code ~/.m2}.
 */
class ComputectlFreshCheckoutIT {

    /** What a clone has that the launcher's build can need; target/ is what a clone lacks. */
    private static final List<String> CHECKOUT = List.of("pom.xml", "src", "bin", "samples", "host.json",
            "local.settings.json");

    @TempDir
    Path dir;

    @Test
    void validateOnAFreshCheckoutBuildsTheProjectThenPrintsOnlyTheReport() throws Exception {
        Path clone = dir.resolve("clone");
        for (String entry : CHECKOUT) {
            copy(Path.of(entry), clone.resolve(entry));
        }
        assertThat(clone.resolve("target")).doesNotExist();
        assertThat(Files.isExecutable(clone.resolve("bin/computectl"))).as("the executable bit survives the copy").isTrue();

        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        // --settings named: nothing to say on stderr.
        ProcessBuilder builder = new ProcessBuilder("bin/computectl", "validate", "--settings", "local.settings.json",
                "samples/requests/ensure-amlcompute.json")
                .directory(clone.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        // As a user's shell would have it: no Maven run's own variables, offline build.
        builder.environment().remove("MAVEN_PROJECTBASEDIR");
        builder.environment().remove("MAVEN_BASEDIR");
        builder.environment().put("COMPUTECTL_MAVEN_ARGS", "-o");
        Process process = builder.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("bin/computectl did not end within 3 minutes");
        }
        String stdout = Files.readString(out);
        String stderr = Files.readString(err);

        assertThat(process.exitValue()).as("exit code; stdout:%n%s%nstderr:%n%s", stdout, stderr).isZero();
        assertThat(stderr).as("no Maven or logging output, and a valid file has nothing to report").isEmpty();
        assertThat(stdout.lines().toList()).singleElement().satisfies(line -> {
            JsonNode report = Json.MAPPER.readTree(line);
            assertThat(report.path("file").asText()).isEqualTo("samples/requests/ensure-amlcompute.json");
            assertThat(report.path("valid").asBoolean()).isTrue();
            assertThat(report.path("errors").isArray()).isTrue();
            assertThat(report.path("errors")).isEmpty();
        });
        assertThat(clone.resolve("target/classes/io/amlcompute/provisioner/cli/Computectl.class")).isRegularFile();
        assertThat(clone.resolve("target/computectl.classpath")).isNotEmptyFile();

        // The README's own example, typed into a shell in the checkout (the shell expands the glob): every valid
        // sample valid, by the policy of ./local.settings.json, and stderr says so.
        Matcher example = Pattern.compile("`(bin/computectl validate [^`]+)`").matcher(Files.readString(Path.of("README.md")));
        assertThat(example.find()).isTrue();
        ProcessBuilder readme = new ProcessBuilder("bash", "-c", example.group(1))
                .directory(clone.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        readme.environment().put("COMPUTECTL_MAVEN_ARGS", "-o");
        Process readmeRun = readme.start();
        assertThat(readmeRun.waitFor(2, TimeUnit.MINUTES)).isTrue();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSizeGreaterThan(5).allSatisfy(line -> {
            JsonNode report = Json.MAPPER.readTree(line);
            boolean invalidSample = report.path("file").asText().endsWith("invalid-request.json");
            assertThat(report.path("valid").asBoolean()).as(line).isEqualTo(!invalidSample);
        });
        assertThat(Files.readString(err)).isEqualTo(
                "validate: app settings from ./local.settings.json (--settings FILE for others)\n");
    }

    /** Copies a file or tree, keeping file attributes (the launcher's executable bit), skipping any target/. */
    private static void copy(Path source, Path destination) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            paths.filter(path -> !isInTarget(source.relativize(path))).forEach(path -> {
                Path to = destination.resolve(source.relativize(path).toString());
                try {
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(to);
                    } else {
                        Files.createDirectories(to.getParent());
                        Files.copy(path, to, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static boolean isInTarget(Path relative) {
        for (Path part : relative) {
            if (part.toString().equals("target")) {
                return true;
            }
        }
        return false;
    }
}
