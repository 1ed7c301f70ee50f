package io.amlcompute.provisioner.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.contract.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Java Functions consumer sample ({@code samples/clients/java-functions}) as its README runs it: built by its own
 * {@code mvn package} (offline: the build running this test has just fetched the same plugins and libraries) into the
 * folder {@code func azure functionapp publish} deploys, then run with {@code bin/computectl host} against a local
 * stack, where it logs the ready event of a request and ignores the others. The main build never compiles the sample:
 * it is an app of its own, with its own pom, and this test builds it the way its users do.
 */
class JavaFunctionsSampleIT {

    private static final String APP = "compute-ready-consumer";

    @TempDir
    static Path dir;

    private static Path folder;
    private static LocalStack stack;

    @BeforeAll
    static void buildTheSampleAndStartTheStack() throws Exception {
        Path sample = dir.resolve("sample");
        copyWithoutBuildOutput(Path.of("samples", "clients", "java-functions"), sample);
        Path log = dir.resolve("mvn.log");
        Process build = new ProcessBuilder("mvn", "-B", "-q", "-o", "package").directory(sample.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!build.waitFor(5, TimeUnit.MINUTES)) {
            build.destroyForcibly();
            throw new AssertionError("mvn package of the sample did not end within 5 minutes");
        }
        assertThat(build.exitValue()).as("mvn package of the sample:%n%s", Files.readString(log)).isZero();
        folder = sample.resolve("target/azure-functions/" + APP);
        stack = LocalStack.start(LocalStackOptions.defaults().withProvisioningTime(Duration.ofSeconds(1)));
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void packagesAFolderForFuncPublishWithTheTriggerOnTheEventsTopicThroughSettings() throws IOException {
        JsonNode function = Json.MAPPER.readTree(folder.resolve("OnComputeReady/function.json").toFile());
        JsonNode trigger = function.path("bindings").get(0);

        assertThat(function.path("bindings")).hasSize(1);
        assertThat(trigger.path("type").asText()).isEqualTo("serviceBusTrigger");
        assertThat(trigger.path("topicName").asText()).isEqualTo("%COMPUTE_EVENTS_TOPIC%");
        assertThat(trigger.path("subscriptionName").asText()).isEqualTo("%COMPUTE_EVENTS_SUBSCRIPTION%");
        assertThat(trigger.path("connection").asText()).isEqualTo("ServiceBusConnection");
        assertThat(folder.resolve(function.path("scriptFile").asText().replace("../", ""))).isRegularFile();
        assertThat(folder.resolve("host.json")).isRegularFile();
        assertThat(folder.resolve("lib/gson-2.9.0.jar")).isRegularFile();
        JsonNode values = Json.MAPPER.readTree(folder.resolve("local.settings.json").toFile()).path("Values");
        assertThat(values.path("ServiceBusConnection").asText()).as("no connection string is shipped").isEmpty();
    }

    @Test
    void runsOnComputectlHostAgainstTheStackAndLogsTheReadyEventOfARequestOnly() throws Exception {
        Path out = dir.resolve("host.out");
        Path err = dir.resolve("host.err");
        ProcessBuilder command = new ProcessBuilder("bin/computectl", "host", folder.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        command.environment().put("ServiceBusConnection", stack.serviceBusConnectionString());
        command.environment().put("COMPUTECTL_MAVEN_ARGS", "-o");
        command.environment().remove("MAVEN_PROJECTBASEDIR");
        Process host = command.start();
        // Leaves the events on the subscription for the sample, which consumes all-events.
        try (StackProbe probe = new StackProbe(stack.serviceBusConnectionString(), stack.statusApiBaseUrl(),
                stack.functionKey(), false)) {
            JsonNode handshake = await().atMost(Duration.ofMinutes(2)).until(() -> firstLine(out), line -> line != null)
                    .transform(JavaFunctionsSampleIT::json);
            assertThat(handshake.path("functions").toString()).isEqualTo("[\"OnComputeReady\"]");

            String ready = StackProbe.uniqueId("sample-vm");
            String rejected = StackProbe.uniqueId("sample-invalid");
            probe.send(StackProbe.sample("invalid-request", rejected));
            probe.send(StackProbe.sample("attach-virtualmachine", ready));

            String line = await().atMost(StackProbe.WAIT).until(() -> Files.readAllLines(err).stream()
                    .filter(l -> l.contains("compute.ready") && l.contains("requestId=" + ready)).findFirst(),
                    java.util.Optional::isPresent).orElseThrow();
            assertThat(line).contains("compute=vm-compute").contains("outcome=attached").contains("eventId=");
            // Once the subscription is empty, the sample has completed the rejection event too (it came first).
            probe.awaitAllEventsTaken();
        } finally {
            host.destroy();
            host.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(Files.readString(err)).doesNotContain("requestId=sample-invalid");
    }

    private static String firstLine(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        return lines.isEmpty() ? null : lines.get(0);
    }

    private static JsonNode json(String line) {
        try {
            return Json.MAPPER.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyWithoutBuildOutput(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.filter(p -> !from.relativize(p).startsWith("target")).toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
