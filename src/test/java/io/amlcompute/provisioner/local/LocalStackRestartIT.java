package io.amlcompute.provisioner.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.contract.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stack in a separate JVM ({@link LocalStack#main}) on a data directory, killed with SIGKILL while requests are
 * provisioning and started again on the same directory: every request still ends in exactly one event, and events
 * published before the kill are still on the subscription.
 */
@Timeout(180)
class LocalStackRestartIT {

    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void finishesRequestsInFlightAfterAKillAndARestartOnTheSameDataDirectory() throws Exception {
        Path data = temp.resolve("data");
        Stack first = startStack(data, "first");
        assertThat(first.endpoints().get("dataDirectory").asText()).isEqualTo(data.toAbsolutePath().toString());
        String databricksId = StackProbe.uniqueId("restart-dbx");
        String vmId = StackProbe.uniqueId("restart-vm");
        String invalidId = StackProbe.uniqueId("restart-invalid");
        try (StackProbe probe = first.probe(false)) {
            probe.send(StackProbe.sample("attach-databricks", databricksId));
            probe.send(StackProbe.sample("attach-virtualmachine", vmId));
            probe.send(StackProbe.sample("invalid-request", invalidId));
            for (String requestId : List.of(databricksId, vmId)) {
                await().atMost(StackProbe.WAIT).until(() -> probe.status(requestId), status -> status != null
                        && status.path("progress").path("phase").asText().equals("WAITING"));
            }
            // Its rejection is published at once and stays on the subscription, uncollected, through the kill.
            probe.awaitOnSubscription(invalidId);
        }

        first.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(Files.readString(first.stderr())).contains("event=request.started")
                .doesNotContain("event=request.completed");
        // One line per record, as in Azure: time, level, then the event and both ids (OneLineLogFormat).
        assertThat(Files.readAllLines(first.stderr())).filteredOn(l -> l.contains("event=request.started"))
                .isNotEmpty().allMatch(l -> l.matches("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z INFO "
                        + "event=request\\.started requestId=\\S+ correlationId=\\S+ .*"));
        Stack second = startStack(data, "second");

        assertThat(second.endpoints().get("functionKey").asText())
                .isEqualTo(first.endpoints().get("functionKey").asText());
        try (StackProbe probe = second.probe()) {
            for (String requestId : List.of(databricksId, vmId)) {
                StackProbe.Event event = probe.awaitEvent(requestId);
                assertThat(event.type()).isEqualTo("io.amlcompute.compute.ready");
                await().atMost(StackProbe.WAIT).until(() -> probe.status(requestId),
                        status -> status.path("runtimeStatus").asText().equals("COMPLETED"));
            }
            assertThat(probe.awaitEvent(invalidId).type()).isEqualTo("io.amlcompute.request.rejected");
            probe.awaitCollectedSoFar();
            assertThat(probe.eventsFor(databricksId)).hasSize(1);
            assertThat(probe.eventsFor(vmId)).hasSize(1);
            assertThat(probe.eventsFor(invalidId)).hasSize(1);
        }

        second.process().destroy(); // SIGTERM: the shutdown hook closes the stack
        assertThat(second.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(second.stderr())).contains(LocalStackMain.STOPPED);
    }

    @Test
    void printsOneLineOfJsonWithTheEndpointsOnStandardOutput() throws Exception {
        Stack stack = startStack(temp.resolve("data"), "endpoints");

        JsonNode endpoints = stack.endpoints();
        assertThat(iterable(endpoints.fieldNames())).containsExactly("serviceBusConnectionString", "armEndpoint",
                "statusApiBaseUrl", "functionKey", "durablePort", "taskHubName", "dataDirectory");
        assertThat(endpoints.get("serviceBusConnectionString").asText()).startsWith("Endpoint=sb://127.0.0.1:")
                .endsWith(";UseDevelopmentEmulator=true");
        assertThat(URI.create(endpoints.get("armEndpoint").asText()).getHost()).isEqualTo("127.0.0.1");
        assertThat(endpoints.get("statusApiBaseUrl").asText()).matches("http://127\\.0\\.0\\.1:\\d+/api/compute-requests");
        assertThat(endpoints.get("taskHubName").asText()).isEqualTo("AmlComputeProvisioner");
        stack.process().destroy();
        assertThat(stack.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readAllLines(stack.stdout())).hasSize(1);
    }

    @Test
    void ctrlCStopsTheStackCleanlyAndTheDataDirectoryOpensAgain() throws Exception {
        Stack stack = startStack(temp.resolve("data"), "ctrl-c");

        // What Ctrl-C in a terminal sends; Process.destroy() would send SIGTERM instead.
        Process interrupt = new ProcessBuilder("kill", "-INT", Long.toString(stack.process().pid())).start();
        assertThat(interrupt.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(stack.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(stack.stderr())).contains(LocalStackMain.STOPPED).doesNotContain("Exception");

        Stack again = startStack(temp.resolve("data"), "after-ctrl-c");
        assertThat(again.endpoints().get("dataDirectory").asText()).isEqualTo(temp.resolve("data").toString());
        again.process().destroy();
        assertThat(again.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    private Stack startStack(Path data, String name) throws IOException {
        Path stdout = temp.resolve(name + ".out");
        Path stderr = temp.resolve(name + ".err");
        // 15 s of provisioning: the kill must land while the attaches are still waited for, on a loaded machine too
        // (with 1 s a VM attach was done before a status read saw it waiting).
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LocalStack.class.getName(),
                "--data-dir", data.toString(), "--provisioning-time", "PT15S")
                .directory(Path.of("").toAbsolutePath().toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        processes.add(process);
        String line = await().atMost(START).until(() -> firstLine(stdout, process), l -> l != null);
        return new Stack(process, Json.MAPPER.readTree(line), stdout, stderr);
    }

    /** The first complete line, or null; fails at once if the process died. */
    private static String firstLine(Path stdout, Process process) throws IOException {
        String text = Files.readString(stdout);
        int end = text.indexOf('\n');
        if (end < 0 && !process.isAlive()) {
            throw new IllegalStateException("the stack exited with " + process.exitValue() + " before printing");
        }
        return end < 0 ? null : text.substring(0, end);
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    private record Stack(Process process, JsonNode endpoints, Path stdout, Path stderr) {
        StackProbe probe() {
            return probe(true);
        }

        StackProbe probe(boolean collectEvents) {
            return new StackProbe(endpoints.get("serviceBusConnectionString").asText(),
                    URI.create(endpoints.get("statusApiBaseUrl").asText()), endpoints.get("functionKey").asText(),
                    collectEvents);
        }
    }
}
