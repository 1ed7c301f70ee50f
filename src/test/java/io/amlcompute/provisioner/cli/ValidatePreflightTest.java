package io.amlcompute.provisioner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.contract.validation.Samples;
import io.amlcompute.provisioner.local.ManualClock;
import io.amlcompute.provisioner.local.arm.ArmEmulator;
import io.amlcompute.provisioner.local.arm.ArmEmulatorBuilder;
import io.amlcompute.provisioner.local.arm.FaultRule;
import io.amlcompute.provisioner.local.arm.RecordedRequest;
import io.amlcompute.provisioner.provisioning.preflight.Preflight;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code computectl validate --preflight}: the app's pre-flight asked through the real ARM gateway against the ARM
 * emulator, seeded so the demo region's DSv2 family has 4 of 8 dedicated vCPUs left (the sample is Standard_DS3_v2,
 * 4 vCPUs a node). Nothing is ever written.
 */
class ValidatePreflightTest {

    private static final String ENSURE = Samples.DIRECTORY.resolve("ensure-amlcompute.json").toString();

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T10:00:00Z"));
    private ArmEmulator arm;

    @AfterEach
    void stop() {
        if (arm != null) {
            arm.close();
        }
    }

    private void startArm(UnaryOperator<ArmEmulatorBuilder> more) throws IOException {
        arm = more.apply(ArmEmulator.builder().clock(clock)
                .workspace("11111111-2222-3333-4444-555555555555", "rg-ml-demo", "mlw-demo", "westeurope")
                .region("westeurope", r -> r.familyQuota("standardDSv2Family", "Dedicated", 8)
                        .inUseElsewhere("standardDSv2Family", "Dedicated", 4))).start();
    }

    private CliRun.Result validate(String... files) {
        String[] args = new String[files.length + 6];
        args[0] = "validate";
        args[1] = "--preflight";
        args[2] = "--arm-endpoint";
        args[3] = arm.endpoint().toString();
        args[4] = "--auth";
        args[5] = "none";
        System.arraycopy(files, 0, args, 6, files.length);
        return CliRun.run(new CliEnvironment(CliRun.SAMPLE_POLICY, clock, clock::advance,
                new ByteArrayInputStream(new byte[0])), args);
    }

    private String sample(String pointer, String value) throws IOException {
        Path file = dir.resolve("request-" + Math.abs((pointer + value).hashCode()) + ".json");
        Files.writeString(file, Samples.with("ensure-amlcompute.json", pointer, value));
        return file.toString();
    }

    @Test
    void aRequestWhoseCoresAreNotLeftIsRejectedWithTheNumbersAndExitOne() throws IOException {
        startArm(b -> b);

        CliRun.Result result = validate(sample("/options/waitForNodes", "2"));

        assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
        JsonNode line = result.json();
        assertThat(line.path("valid").asBoolean()).as("the request itself is valid").isTrue();
        JsonNode preflight = line.path("preflight");
        assertThat(preflight.path("outcome").asText()).isEqualTo("rejected");
        assertThat(preflight.path("errors").get(0).path("code").asText()).isEqualTo("PREFLIGHT_FAMILY_QUOTA_EXCEEDED");
        assertThat(preflight.path("errors").get(0).path("quota").path("available").asLong()).isEqualTo(4);
        assertThat(preflight.path("errors").get(0).path("quota").path("needed").asLong()).isEqualTo(8);
        assertThat(arm.requests()).as("reads only").allSatisfy(r -> assertThat(r.method()).isEqualTo("GET"));
    }

    @Test
    void aComputeInstanceWhoseNodeIsNotLeftIsRejectedInWordsForAnInstance() throws IOException {
        // 2 more in use: 6 of 8, so 2 vCPUs are left.
        startArm(b -> b.region("westeurope", r -> r.inUseElsewhere("standardDSv2Family", "Dedicated", 2)));

        CliRun.Result result = validate(Samples.DIRECTORY.resolve("ensure-computeinstance.json").toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
        JsonNode error = result.json().path("preflight").path("errors").get(0);
        assertThat(result.json().path("preflight").path("outcome").asText()).isEqualTo("rejected");
        assertThat(error.path("code").asText()).isEqualTo("PREFLIGHT_FAMILY_QUOTA_EXCEEDED");
        assertThat(error.path("path").asText()).isEqualTo("$.compute.vmSize");
        assertThat(error.path("quota").path("available").asLong()).isEqualTo(2);
        assertThat(error.path("quota").path("needed").asLong()).as("one node of Standard_DS3_v2").isEqualTo(4);
        assertThat(error.path("message").asText()).startsWith("Compute instance ");
        assertThat(arm.requests()).as("reads only").allSatisfy(r -> assertThat(r.method()).isEqualTo("GET"));
    }

    @Test
    void aRequestThatFitsPassesWithItsWarningsAndExitZero() throws IOException {
        startArm(b -> b);

        CliRun.Result result = validate(ENSURE);

        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        JsonNode preflight = result.json().path("preflight");
        assertThat(preflight.path("outcome").asText()).isEqualTo("passed");
        assertThat(preflight.has("errors")).isFalse();
        assertThat(preflight.path("warnings").get(0).path("code").asText())
                .isEqualTo("PREFLIGHT_MAX_NODES_EXCEED_QUOTA");
        assertThat(arm.requests()).extracting(RecordedRequest::path)
                .anySatisfy(p -> assertThat(p).endsWith("/locations/westeurope/usages"));
    }

    @Test
    void aForbiddenReadFailsNamingTheRole() throws IOException {
        startArm(b -> b.withoutPermission("Microsoft.MachineLearningServices/locations/usages/read"));

        CliRun.Result result = validate(ENSURE);

        assertThat(result.exitCode()).isEqualTo(1);
        JsonNode preflight = result.json().path("preflight");
        assertThat(preflight.path("outcome").asText()).isEqualTo("failed");
        assertThat(preflight.path("errors").get(0).path("code").asText()).isEqualTo("PREFLIGHT_READ_FORBIDDEN");
        assertThat(preflight.path("errors").get(0).path("message").asText()).contains(Preflight.ROLE_NAME);
    }

    @Test
    void armThrottlingBeyondWhatIsWaitedForIsExitFour() throws IOException {
        startArm(b -> b);
        arm.faults().add(FaultRule.on("GET", ".*/locations/westeurope/vmSizes").throttle(Duration.ofMinutes(5))
                .always());

        CliRun.Result result = validate(ENSURE);

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.json().path("preflight").path("outcome").asText()).isEqualTo("unavailable");
    }

    @Test
    void offReadsNothingAndAnInvalidFileGetsNoPreflight() throws IOException {
        startArm(b -> b);

        CliRun.Result result = validate(sample("/options/preflight", "\"off\""),
                Samples.DIRECTORY.resolve("invalid-request.json").toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.line(0).path("preflight").path("outcome").asText()).isEqualTo("off");
        assertThat(result.line(1).path("valid").asBoolean()).isFalse();
        assertThat(result.line(1).has("preflight")).isFalse();
        assertThat(arm.requests()).noneSatisfy(r -> assertThat(r.path()).contains("/locations/"));
    }

    @Test
    void withoutPreflightValidateNeverTalksToArm() throws IOException {
        startArm(b -> b);

        CliRun.Result result = CliRun.run(CliRun.SAMPLE_POLICY, "validate", "--arm-endpoint",
                arm.endpoint().toString(), ENSURE);

        assertThat(result.exitCode()).isZero();
        assertThat(result.json().has("preflight")).isFalse();
        assertThat(arm.requests()).isEmpty();
    }
}
