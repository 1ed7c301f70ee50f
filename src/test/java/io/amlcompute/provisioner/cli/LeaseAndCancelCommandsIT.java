package io.amlcompute.provisioner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlcompute.provisioner.contract.validation.Samples;
import io.amlcompute.provisioner.local.LocalStack;
import io.amlcompute.provisioner.local.LocalStackOptions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI's lease and cancel commands against the whole app on the local stack: {@code send} builds and sends the
 * requests, the real function app answers them, and {@code send --wait}, {@code wait} and {@code status} read the
 * answers as a user would.
 */
@Timeout(300)
class LeaseAndCancelCommandsIT {

    private static LocalStack stack;
    private static Map<String, String> variables;

    @TempDir
    Path dir;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8).replaceAll("[0-9]", "x");

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(LocalStackOptions.defaults().withProvisioningTime(Duration.ofSeconds(1)));
        variables = CliRun.with(CliRun.with(CliRun.SAMPLE_POLICY, ServiceBusOptions.CONNECTION_STRING_VARIABLE,
                stack.serviceBusConnectionString()), StatusCommand.KEY_VARIABLE, stack.functionKey());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void aLeaseIsHeldRenewedReleasedAndEndsWithItsClusterDeleted() {
        String lease = "lease-" + suffix;

        CliRun.Result ensure = send("--ensure", "leased-" + suffix, "--workspace", Samples.DEMO_WORKSPACE,
                "--vm-size", "Standard_DS3_v2", "--max-nodes", "2", "--lease", "1h", "--request-id", lease, "--wait",
                "--timeout", "2m");
        assertThat(ensure.exitCode()).as(ensure.err()).isZero();
        Instant firstExpiry = Instant.parse(ensure.json().at("/data/lease/expiresAt").asText());

        CliRun.Result status = CliRun.run(variables, "status", lease, "--url", stack.statusApiBaseUrl().toString());
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.err()).contains(lease + " RUNNING, leased: Succeeded", "lease " + lease + " until "
                + firstExpiry, "on expiry delete");

        CliRun.Result renew = send("--renew", lease, "--extend-by", "30m", "--wait", "--timeout", "2m");
        assertThat(renew.exitCode()).as(renew.err()).isZero();
        assertThat(renew.json().get("type").asText()).isEqualTo("io.amlcompute.lease.renewed");
        assertThat(Instant.parse(renew.json().at("/data/lease/expiresAt").asText()))
                .isEqualTo(firstExpiry.plus(Duration.ofMinutes(30)));

        CliRun.Result release = send("--release", lease, "--wait", "--until-expired", "--timeout", "2m");
        assertThat(release.exitCode()).as(release.err()).isZero();
        assertThat(release.outLines()).hasSize(2);
        assertThat(release.line(0).get("type").asText()).isEqualTo("io.amlcompute.lease.released");
        assertThat(release.line(1).get("type").asText()).isEqualTo("io.amlcompute.lease.expired");
        assertThat(release.line(1).at("/data/lease/result").asText()).isEqualTo("deleted");
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(CliRun.run(variables,
                "status", lease, "--url", stack.statusApiBaseUrl().toString()).err())
                .contains(lease + " COMPLETED, done: lease " + lease + " ended: deleted, event ready"));

        CliRun.Result late = send("--renew", lease, "--extend-by", "30m", "--wait", "--timeout", "2m");
        assertThat(late.exitCode()).as(late.err()).isEqualTo(1);
        assertThat(late.json().get("data").get("errors").findValuesAsText("code")).containsExactly("REQUEST_ENDED");
    }

    @Test
    void anEnsureWaitingForANodeIsCancelledAndItsOwnWaiterSeesItEndCancelled() throws Exception {
        String target = "stuck-" + suffix;
        ObjectNode ensure = Samples.load("ensure-amlcompute.json");
        ensure.put("requestId", target);
        ((ObjectNode) ensure.get("compute")).put("name", "stuck-" + suffix);
        ((ObjectNode) ensure.get("options")).put("waitForNodes", 1).put("onCancel", "delete");
        Path file = Files.writeString(dir.resolve("stuck.json"), ensure.toString());
        assertThat(send(file.toString()).exitCode()).isZero();
        // Nothing scales a minNodes 0 cluster up: once ARM has created it, the ensure waits for its node.
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> CliRun.run(variables, "status", target,
                "--url", stack.statusApiBaseUrl().toString()).err().contains("waiting: Succeeded, Steady"));

        CliRun.Result cancel = send("--cancel", target, "--wait", "--timeout", "2m");

        assertThat(cancel.exitCode()).as(cancel.err()).isZero();
        JsonNode cancelled = cancel.json();
        assertThat(cancelled.get("type").asText()).isEqualTo("io.amlcompute.compute.cancelled");
        assertThat(cancelled.at("/data/requestId").asText()).isEqualTo(target);
        assertThat(cancelled.at("/data/errors/0/message").asText()).contains("being deleted");
        CliRun.Result ownWait = CliRun.run(variables, "wait", target, "--timeout", "30s");
        assertThat(ownWait.exitCode()).as("a cancelled request did not get its compute").isEqualTo(1);
        assertThat(ownWait.json().get("id").asText()).isEqualTo(cancelled.get("id").asText());
    }

    @Test
    void aCancelOfAnUnknownRequestIsRejectedWithItsOwnId() {
        String cancelId = "cancel-" + suffix;

        CliRun.Result cancel = send("--cancel", "nobody-" + suffix, "--request-id", cancelId, "--wait",
                "--timeout", "2m");

        assertThat(cancel.exitCode()).as(cancel.err()).isEqualTo(1);
        assertThat(cancel.json().at("/data/requestId").asText()).isEqualTo(cancelId);
        assertThat(cancel.json().get("data").get("errors").findValuesAsText("code")).containsExactly("UNKNOWN_REQUEST");
        assertThat(cancel.err()).contains(cancelId + " rejected (UNKNOWN_REQUEST)");
    }

    private CliRun.Result send(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "send";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.run(variables, all).withoutStackTrace();
    }
}
