package io.amlcompute.provisioner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.contract.validation.Samples;
import io.amlcompute.provisioner.local.ManualClock;
import io.amlcompute.provisioner.local.arm.ArmEmulator;
import io.amlcompute.provisioner.local.arm.ArmEmulatorBuilder;
import io.amlcompute.provisioner.local.arm.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * apply against the ARM emulator through the real ARM gateway, on a ManualClock shared by the emulator and the
 * command: the command's sleeps advance the clock, so minutes of provisioning take no time.
 */
class ApplyCommandTest {

    private static final Instant START = Instant.parse("2026-11-29T10:00:00Z");
    private static final String ENSURE = Samples.DIRECTORY.resolve("ensure-amlcompute.json").toString();

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(START);
    private ArmEmulator arm;

    @AfterEach
    void stop() {
        if (arm != null) {
            arm.close();
        }
    }

    @Test
    void createsTheClusterWaitsUntilItIsReadyAndPrintsTheReadyEvent() throws IOException {
        startArm(b -> b);

        CliRun.Result result = apply(CliRun.SAMPLE_POLICY, ENSURE);

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode event = result.json();
        assertThat(event.get("type").asText()).isEqualTo("io.amlcompute.compute.ready");
        assertThat(event.get("data").get("outcome").asText()).isEqualTo("created");
        assertThat(event.get("data").get("requestId").asText()).isEqualTo("demo-ensure-aml-cluster-001");
        assertThat(event.get("data").get("status").get("provisioningState").asText()).isEqualTo("Succeeded");
        assertThat(event.get("data").get("polls").asInt()).isPositive();
        assertThat(result.err()).contains("computectl apply: acting").contains("waiting: Creating")
                .contains("ended ready");
        assertThat(clock.instant()).as("it waited on the clock, not in real time")
                .isAfterOrEqualTo(START.plus(Duration.ofMinutes(2)));
        assertThat(arm.requests()).extracting(RecordedRequest::method).contains("PUT");
        assertThat(result.out() + result.err()).as("the resolved secret never shows")
                .doesNotContain("DemoKeyForTheLocalRunOnly");
    }

    @Test
    void createsStopsAndStartsAComputeInstanceEachTimeWaitingForItsState() throws IOException {
        startArm(b -> b.instancePowerTime(Duration.ofMinutes(1)));

        CliRun.Result created = apply(CliRun.SAMPLE_POLICY, sample("ensure-computeinstance.json"));
        CliRun.Result stopped = apply(CliRun.SAMPLE_POLICY, sample("stop-computeinstance.json"));
        CliRun.Result stoppedAgain = apply(CliRun.SAMPLE_POLICY, sample("stop-computeinstance.json"));
        CliRun.Result started = apply(CliRun.SAMPLE_POLICY, sample("start-computeinstance.json"));
        CliRun.Result restarted = apply(CliRun.SAMPLE_POLICY, sample("restart-computeinstance.json"));

        assertThat(List.of(created, stopped, stoppedAgain, started, restarted))
                .allSatisfy(result -> assertThat(result.exitCode()).as(result.err()).isZero())
                .extracting(result -> result.json().path("data").path("outcome").asText() + "/"
                        + result.json().path("data").path("status").path("instance").path("state").asText())
                .containsExactly("created/Running", "stopped/Stopped", "existing/Stopped", "started/Running",
                        "restarted/Running");
        assertThat(stoppedAgain.json().path("data").path("polls").asInt()).as("already stopped: no wait").isZero();
        assertThat(started.json().path("data").path("status").path("instance").path("applications")).isNotEmpty();
        assertThat(arm.requests()).filteredOn(r -> r.method().equals("POST")).extracting(RecordedRequest::path)
                .extracting(path -> path.substring(path.lastIndexOf('/') + 1)).containsExactly("stop", "start", "restart");
    }

    @Test
    void anInstanceThatEndsUnusableFailsWithItsErrors() throws IOException {
        startArm(b -> b.instanceUnusableFor("Standard_DS3_v2"));

        CliRun.Result result = apply(CliRun.SAMPLE_POLICY, sample("ensure-computeinstance.json"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.json().get("type").asText()).isEqualTo("io.amlcompute.compute.failed");
        assertThat(result.json().get("data").get("errors").findValuesAsText("code"))
                .contains("InstanceUnusable", "ComputeInstanceUnusable");
    }

    private static String sample(String name) {
        return Samples.DIRECTORY.resolve(name).toString();
    }

    @Test
    void aQuotaFailureEndsWithTheFailedEventAndExitOne() throws IOException {
        startArm(b -> b.quotaExceededFor("Standard_DS3_v2"));

        CliRun.Result result = apply(CliRun.SAMPLE_POLICY, ENSURE);

        assertThat(result.exitCode()).isEqualTo(1);
        JsonNode event = result.json();
        assertThat(event.get("type").asText()).isEqualTo("io.amlcompute.compute.failed");
        assertThat(event.get("data").get("errors").findValuesAsText("code")).contains("QuotaExceeded");
    }

    @Test
    void theRequestsOwnDeadlineEndsWithTheTimedoutEventAndExitOne() throws IOException {
        startArm(b -> b.provisioningTime(Duration.ofHours(1)));
        Path file = Files.writeString(dir.resolve("short.json"),
                Samples.with("ensure-amlcompute.json", "/options/timeout", "\"PT5M\""));

        CliRun.Result result = apply(CliRun.SAMPLE_POLICY, file.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.json().get("type").asText()).isEqualTo("io.amlcompute.compute.timedout");
        assertThat(clock.instant()).isEqualTo(START.plus(Duration.ofMinutes(5)));
    }

    @Test
    void plansItsReadsWithTheExpectedProvisioningTimeAsTheAppDoes() throws IOException {
        startArm(b -> b.provisioningTime(Duration.ofSeconds(10)).nodeAllocationTime(Duration.ZERO));
        Path other = Files.writeString(dir.resolve("other.json"), Samples.with("ensure-amlcompute.json",
                "/compute/name", "\"other-cluster\"").replace("demo-ensure-aml-cluster-001", "demo-other-001"));

        CliRun.Result planned = apply(CliRun.SAMPLE_POLICY, ENSURE);
        CliRun.Result expected = apply(CliRun.with(CliRun.SAMPLE_POLICY, "EXPECTED_PROVISIONING_TIME", "PT10S"),
                other.toString());

        assertThat(planned.exitCode()).as(planned.err()).isZero();
        assertThat(expected.exitCode()).as(expected.err()).isZero();
        Duration withDefaults = elapsed(planned);
        Duration withSetting = elapsed(expected);
        assertThat(withDefaults).as("Azure's typical duration: the first read waits").isGreaterThan(Duration.ofSeconds(25));
        assertThat(withSetting).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void learnsHowLongItTookIntoTheLearnedDurationsFile() throws IOException {
        startArm(b -> b);
        Path learned = dir.resolve("learned-durations.json");

        CliRun.Result result = apply(CliRun.with(CliRun.SAMPLE_POLICY, "LEARNED_DURATIONS_FILE", learned.toString()),
                ENSURE);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(Samples.tree(Files.readString(learned)).has("ensure/AmlCompute/standard_ds3_v2/Dedicated")).isTrue();
    }

    @Test
    void anInvalidFileIsReportedWithoutTouchingArm() throws IOException {
        startArm(b -> b);

        CliRun.Result result = apply(CliRun.SAMPLE_POLICY, Samples.DIRECTORY.resolve("invalid-request.json").toString())
                .withoutStackTrace();

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.json().get("valid").asBoolean()).isFalse();
        assertThat(result.err()).contains("nothing was done in Azure");
        assertThat(arm.requests()).isEmpty();
    }

    @Test
    void aMultiMegabyteFileIsRefusedWithoutTouchingArm() throws IOException {
        startArm(b -> b);
        Path file = Files.writeString(dir.resolve("huge.json"), "{\"pad\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}");

        CliRun.Result result = apply(CliRun.SAMPLE_POLICY, file.toString()).withoutStackTrace();

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.json().get("errors").findValuesAsText("code")).containsExactly("MESSAGE_TOO_LARGE");
        assertThat(arm.requests()).isEmpty();
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("io.amlcompute.provisioner.cli.ValidateCommandTest#garbage")
    void everyKindOfGarbageIsOneCleanRejectionLineWithoutTouchingArm(String what, byte[] content,
                                                                     String expectedCode) throws IOException {
        startArm(b -> b);
        Path file = Files.write(dir.resolve("garbage.json"), content);

        CliRun.Result result = apply(CliRun.SAMPLE_POLICY, file.toString()).withoutStackTrace();

        assertThat(result.exitCode()).isEqualTo(1);
        JsonNode line = result.json();
        assertThat(line.get("valid").asBoolean()).isFalse();
        if (expectedCode != null) {
            assertThat(line.get("errors").findValuesAsText("code")).contains(expectedCode);
        }
        assertThat(result.out().length()).as("a report, not an echo of the input").isLessThan(2000);
        assertThat(result.err()).contains("nothing was done in Azure");
        assertThat(arm.requests()).isEmpty();
    }

    @Test
    void aRequestAgainstPolicyIsRefusedWithoutTouchingArm() throws IOException {
        startArm(b -> b);

        CliRun.Result result = apply(Map.of(), ENSURE).withoutStackTrace();

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.json().get("errors").findValuesAsText("code")).contains("POLICY_WORKSPACE_NOT_ALLOWED");
        assertThat(arm.requests()).isEmpty();
    }

    /** Nothing would hold the lease once apply exits: it is a usage error that points to send. */
    @Test
    void aRequestWithALeaseIsAUsageErrorThatPointsToSendAndTouchesNoArm() throws IOException {
        startArm(b -> b);
        String leased = Samples.DIRECTORY.resolve("ensure-amlcompute-lease.json").toString();

        CliRun.Result result = apply(CliRun.SAMPLE_POLICY, leased).withoutStackTrace();

        assertThat(result.exitCode()).isEqualTo(64);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("options.lease").contains("computectl send " + leased + " --wait")
                .contains("Nothing was done in Azure");
        assertThat(arm.requests()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"renew-lease.json", "release-lease.json", "cancel-request.json"})
    void aControlRequestIsAUsageErrorThatPointsToSendAndTouchesNoArm(String sample) throws IOException {
        startArm(b -> b);
        String control = Samples.DIRECTORY.resolve(sample).toString();

        CliRun.Result result = apply(CliRun.SAMPLE_POLICY, control).withoutStackTrace();

        assertThat(result.exitCode()).isEqualTo(64);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("demo-ensure-leased-cluster-001")
                .contains("computectl send " + control + " --wait");
        assertThat(arm.requests()).isEmpty();
    }

    @Test
    void refusesNoAuthenticationForAnEndpointThatIsNotLoopback() {
        CliRun.Result result = CliRun.run(environment(CliRun.SAMPLE_POLICY), "apply", ENSURE,
                "--arm-endpoint", "https://management.example.com", "--auth", "none").withoutStackTrace();

        assertThat(result.exitCode()).isEqualTo(64);
        assertThat(result.err()).contains("ARM_");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void anUnknownAuthModeIsAUsageError() {
        CliRun.Result result = CliRun.run(environment(CliRun.SAMPLE_POLICY), "apply", ENSURE, "--auth", "password")
                .withoutStackTrace();

        assertThat(result.exitCode()).isEqualTo(64);
        assertThat(result.err()).contains("--auth must be default or none");
    }

    private static Duration elapsed(CliRun.Result result) {
        return Duration.parse(result.json().get("data").get("timings").get("elapsed").asText());
    }

    private void startArm(UnaryOperator<ArmEmulatorBuilder> configure) throws IOException {
        arm = configure.apply(ArmEmulator.builder().clock(clock)
                .workspace("11111111-2222-3333-4444-555555555555", "rg-ml-demo", "mlw-demo", "westeurope")
                .provisioningTime(Duration.ofMinutes(2)).nodeAllocationTime(Duration.ofSeconds(30))).start();
    }

    private CliRun.Result apply(Map<String, String> variables, String file) {
        return CliRun.run(environment(variables), "apply", file, "--arm-endpoint", arm.endpoint().toString(),
                "--auth", "none", "--secrets-file", "samples/local-secrets.json");
    }

    /** The command sleeps by moving the shared clock, so the emulator's provisioning advances with it. */
    private CliEnvironment environment(Map<String, String> variables) {
        return new CliEnvironment(variables, clock, clock::advance, new ByteArrayInputStream(new byte[0]));
    }
}
