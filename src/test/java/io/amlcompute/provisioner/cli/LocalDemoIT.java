package io.amlcompute.provisioner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.contract.validation.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code computectl local --demo}: the README's quick start, end to end through the real app on a fresh stack. */
class LocalDemoIT {

    @Test
    void demoSendsTheSamplesAndPassesWhenEveryEventIsTheExpectedOne() {
        CliRun.Result demo = CliRun.run(Map.of(), "local", "--demo", "--provisioning-time", "2s");

        assertThat(demo.exitCode()).as(demo.err()).isZero();
        List<JsonNode> events = demo.out().lines().map(Samples::tree).toList();
        assertThat(events).extracting(e -> e.path("type").asText() + "/" + e.path("data").path("outcome").asText()
                        + "/" + e.path("data").path("lease").path("result").asText())
                .containsExactlyInAnyOrder("io.amlcompute.compute.ready/created/", "io.amlcompute.compute.ready/existing/",
                        "io.amlcompute.compute.ready/attached/", "io.amlcompute.compute.ready/attached/",
                        "io.amlcompute.request.rejected/rejected/", "io.amlcompute.compute.failed/rejected/",
                        // the lease: ready with it, renewed, released, and its end deleted the cluster
                        "io.amlcompute.compute.ready/created/", "io.amlcompute.lease.renewed//",
                        "io.amlcompute.lease.released//", "io.amlcompute.lease.expired//deleted",
                        // the cancel: the ensure's own event on the topic, and the cancel's answer, the same event
                        "io.amlcompute.compute.cancelled/cancelled/", "io.amlcompute.compute.cancelled/cancelled/",
                        // the instance: created, stopped, started
                        "io.amlcompute.compute.ready/created/", "io.amlcompute.compute.ready/stopped/",
                        "io.amlcompute.compute.ready/started/");
        // The instance scenario: created and Running with its applications, then Stopped, then Running again.
        assertThat(events).filteredOn(e -> e.path("data").path("compute").path("type").asText().equals("ComputeInstance"))
                .extracting(e -> e.path("data").path("outcome").asText() + "/"
                        + e.path("data").path("status").path("instance").path("state").asText())
                .containsExactly("created/Running", "stopped/Stopped", "started/Running");
        assertThat(events).filteredOn(e -> e.path("data").path("outcome").asText().equals("started")).singleElement()
                .satisfies(e -> assertThat(e.path("data").path("status").path("instance").path("applications"))
                        .isNotEmpty());
        JsonNode refused = events.stream().filter(e -> e.path("type").asText().equals("io.amlcompute.compute.failed"))
                .findFirst().orElseThrow().path("data").path("errors").get(0);
        assertThat(refused.path("code").asText()).isEqualTo("PREFLIGHT_FAMILY_QUOTA_EXCEEDED");
        assertThat(refused.path("quota").path("available").asLong()).isEqualTo(6);
        JsonNode leasedReady = events.stream().filter(e -> e.path("data").path("lease").has("expiresAt")
                && e.path("type").asText().endsWith(".ready")).findFirst().orElseThrow();
        JsonNode renewed = events.stream().filter(e -> e.path("type").asText().endsWith(".renewed")).findFirst()
                .orElseThrow();
        assertThat(java.time.Instant.parse(renewed.at("/data/lease/expiresAt").asText()))
                .as("the renewal moved the lease's end")
                .isAfter(java.time.Instant.parse(leasedReady.at("/data/lease/expiresAt").asText()));
        assertThat(events.stream().filter(e -> e.path("type").asText().endsWith(".cancelled")).map(e -> e.get("id"))
                .distinct()).as("the cancel's answer is the target's own cancelled event").hasSize(1);
        assertThat(demo.err()).contains("demo: 15 of 15 as expected").contains("computectl local: stopped")
                .contains("refused by pre-flight, nothing created: PREFLIGHT_FAMILY_QUOTA_EXCEEDED (needs 12 vCPUs,"
                        + " 6 of 24 left in \"Standard NC Family Cluster Dedicated vCPUs\")")
                .doesNotContain("Exception");
    }

    /**
     * An app directory whose policy refuses the cluster's VM size: every ensure of a DS3 cluster comes back
     * rejected, so the summary marks them, the steps of the lease and cancel scenarios after them are skipped, and
     * the demo fails, while the other seven (the instance scenario's three among them: instances have a VM size list
     * of their own) still pass.
     */
    @Test
    void demoFailsAndSaysWhichScenarioWhenAnEventIsNotTheExpectedOne(@TempDir Path app) throws IOException {
        Files.copy(Path.of("host.json"), app.resolve("host.json"));
        ObjectNode settings = (ObjectNode) Json.MAPPER.readTree(Path.of("local.settings.json").toFile());
        ((ObjectNode) settings.get("Values")).put("POLICY_ALLOWED_VM_SIZES", "Standard_NC*");
        Files.writeString(app.resolve("local.settings.json"), settings.toString());
        Path requests = Files.createDirectories(app.resolve("samples").resolve("requests"));
        try (Stream<Path> samples = Files.list(Path.of("samples", "requests"))) {
            for (Path sample : samples.toList()) {
                Files.copy(sample, requests.resolve(sample.getFileName()));
            }
        }
        Files.copy(Path.of("samples", "local-secrets.json"), app.resolve("samples").resolve("local-secrets.json"));

        CliRun.Result demo = CliRun.run(Map.of(), "local", "--demo", "--provisioning-time", "2s",
                "--app-dir", app.toString());

        assertThat(demo.exitCode()).as(demo.err()).isEqualTo(1);
        assertThat(demo.err()).contains("demo: 7 of 15 as expected");
        assertThat(demo.err().lines().filter(line -> line.startsWith("create a cluster")))
                .singleElement().asString().contains("ready/created", "rejected/rejected").endsWith("NO");
        assertThat(demo.err().lines().filter(line -> line.startsWith("attach Databricks")))
                .singleElement().asString().endsWith("yes");
        assertThat(demo.err().lines().filter(line -> line.startsWith("a cluster on a lease")))
                .singleElement().asString().contains("ready/created", "rejected/rejected").endsWith("NO");
        assertThat(demo.err().lines().filter(line -> line.startsWith(LeaseAndCancelDemo.RENEW)))
                .singleElement().asString().contains("renewed/-", "no event").endsWith("NO");
        assertThat(demo.err().lines().filter(line -> line.startsWith(LeaseAndCancelDemo.CANCEL)))
                .singleElement().asString().contains("no event").endsWith("NO");
        assertThat(demo.err().lines().filter(line -> line.startsWith(InstanceDemo.START)))
                .singleElement().asString().contains("ready/started").endsWith("yes");
    }
}
