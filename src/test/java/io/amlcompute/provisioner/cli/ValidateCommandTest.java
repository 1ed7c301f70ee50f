package io.amlcompute.provisioner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.contract.validation.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class ValidateCommandTest {

    @TempDir
    Path dir;

    @Test
    void acceptsEverySampleWithTheSamplesPolicy() {
        List<String> args = new ArrayList<>(List.of("validate"));
        Samples.valid().forEach(p -> args.add(p.toString()));

        CliRun.Result result = CliRun.run(CliRun.SAMPLE_POLICY, args.toArray(String[]::new));

        assertThat(result.exitCode()).as(result.out()).isZero();
        assertThat(result.outLines()).hasSize(Samples.valid().size());
        for (int i = 0; i < Samples.valid().size(); i++) {
            JsonNode line = result.line(i);
            assertThat(line.get("file").asText()).isEqualTo(Samples.valid().get(i).toString());
            assertThat(line.get("valid").asBoolean()).isTrue();
            assertThat(line.get("errors")).isEmpty();
        }
        assertThat(result.err()).as("which settings were used").contains("app settings from the environment");
    }

    @Test
    void reportsEveryProblemOfAnInvalidFileWithCodeAndPath() {
        CliRun.Result result = CliRun.run(CliRun.SAMPLE_POLICY, "validate",
                Samples.DIRECTORY.resolve("ensure-amlcompute.json").toString(),
                Samples.DIRECTORY.resolve("invalid-request.json").toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.line(0).get("valid").asBoolean()).isTrue();
        JsonNode invalid = result.line(1);
        assertThat(invalid.get("valid").asBoolean()).isFalse();
        assertThat(invalid.get("errors").findValuesAsText("code"))
                .contains("INVALID_COMPUTE_NAME", "WRONG_TYPE", "SECRET_INLINE");
        assertThat(invalid.get("errors").findValuesAsText("path")).contains("$.compute.maxNodes");
        assertThat(result.out()).as("inline secret values are never echoed").doesNotContain("P@ssw0rd!");
    }

    /** A control request is checked by the same door: every problem at once, with the field that has it. */
    @Test
    void reportsEveryProblemOfAControlRequestWithCodeAndPath() throws IOException {
        Path renew = Files.writeString(dir.resolve("renew.json"), Samples.load("renew-lease.json")
                .put("leaseId", "not a request id").without("extendBy").toString());

        CliRun.Result result = CliRun.run(CliRun.SAMPLE_POLICY, "validate", renew.toString(),
                Samples.DIRECTORY.resolve("cancel-request.json").toString());

        assertThat(result.exitCode()).isEqualTo(1);
        JsonNode invalid = result.line(0);
        assertThat(invalid.get("valid").asBoolean()).isFalse();
        assertThat(invalid.get("errors")).extracting(e -> e.get("code").asText() + " " + e.get("path").asText())
                .containsExactlyInAnyOrder("INVALID_REQUEST_ID $.leaseId", "MISSING_FIELD $.extendBy");
        assertThat(result.line(1).get("valid").asBoolean()).isTrue();
    }

    @Test
    void appliesThePolicysLeaseCapToARenewalAndSkipsItWithNoPolicy() throws IOException {
        Path renew = Files.writeString(dir.resolve("renew.json"),
                Samples.with("renew-lease.json", "/extendBy", "\"P30D\""));
        Map<String, String> weekAtMost = CliRun.with(CliRun.SAMPLE_POLICY, "POLICY_MAX_LEASE", "P7D");

        CliRun.Result withPolicy = CliRun.run(weekAtMost, "validate", renew.toString());
        CliRun.Result withoutPolicy = CliRun.run(weekAtMost, "validate", "--no-policy", renew.toString());

        assertThat(withPolicy.exitCode()).isEqualTo(1);
        assertThat(withPolicy.json().get("errors")).extracting(e -> e.get("code").asText() + " " + e.get("path").asText())
                .containsExactly("POLICY_LEASE_TOO_LONG $.extendBy");
        assertThat(withoutPolicy.exitCode()).as(withoutPolicy.out()).isZero();
    }

    @Test
    void appliesThePolicyFromTheEnvironmentAndSkipsItWithNoPolicy() {
        String sample = Samples.DIRECTORY.resolve("ensure-amlcompute.json").toString();
        Map<String, String> otherWorkspace = Map.of("POLICY_ALLOWED_WORKSPACES", "a/b/c");

        CliRun.Result withPolicy = CliRun.run(otherWorkspace, "validate", sample);
        CliRun.Result withoutPolicy = CliRun.run(otherWorkspace, "validate", "--no-policy", sample);

        assertThat(withPolicy.exitCode()).isEqualTo(1);
        assertThat(withPolicy.json().get("errors").findValuesAsText("code"))
                .contains("POLICY_WORKSPACE_NOT_ALLOWED");
        assertThat(withoutPolicy.exitCode()).isZero();
        assertThat(withoutPolicy.err()).as("--no-policy asked for it: nothing to explain").isEmpty();
    }

    @Test
    void withoutAnySettingsItChecksTheStructureOnlyAndSaysThePolicyWasNotChecked() {
        CliRun.Result result = CliRun.run(Map.of(), "validate",
                Samples.DIRECTORY.resolve("ensure-amlcompute.json").toString(),
                Samples.DIRECTORY.resolve("invalid-request.json").toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.line(0).get("valid").asBoolean()).as("no allow-list to fail").isTrue();
        assertThat(result.line(1).get("errors").findValuesAsText("code")).contains("INVALID_COMPUTE_NAME")
                .noneMatch(code -> code.startsWith("POLICY_"));
        assertThat(result.err()).contains("structure only").contains("NOT the app's policy");
    }

    @Test
    void usesTheLocalSettingsJsonOfTheWorkingDirectoryAndSaysSo() throws IOException {
        Files.writeString(dir.resolve("local.settings.json"), """
                {"IsEncrypted": false, "Values": {"POLICY_ALLOWED_WORKSPACES": "%s",
                  "POLICY_ALLOWED_SECRET_STORES": "local", "POLICY_MAX_NODES_PER_CLUSTER": "2"}}
                """.formatted(Samples.DEMO_WORKSPACE));
        CliEnvironment inDir = new CliEnvironment(Map.of(), Clock.systemUTC(), CliEnvironment.Sleeper.REAL,
                new ByteArrayInputStream(new byte[0]), dir);

        CliRun.Result result = CliRun.run(inDir, "validate",
                Samples.DIRECTORY.resolve("ensure-amlcompute.json").toAbsolutePath().toString(),
                Samples.DIRECTORY.resolve("delete-amlcompute.json").toAbsolutePath().toString());

        assertThat(result.line(0).get("errors").findValuesAsText("code")).containsExactly("POLICY_MAX_NODES_EXCEEDED");
        assertThat(result.line(1).get("valid").asBoolean()).isTrue();
        assertThat(result.err()).contains("app settings from ./local.settings.json");
    }

    /** The README's own example, run where a user runs it: the project folder, with its local.settings.json. */
    @Test
    void theReadmeExamplePrintsValidForEveryValidSample() throws IOException {
        java.util.regex.Matcher example = java.util.regex.Pattern.compile("`bin/computectl (validate [^`]+)`")
                .matcher(Files.readString(Path.of("README.md")));
        assertThat(example.find()).as("a validate example in the README").isTrue();
        List<String> args = new ArrayList<>();
        for (String word : example.group(1).split(" ")) {
            args.addAll(word.contains("*") ? expand(word) : List.of(word));
        }
        CliEnvironment inProject = new CliEnvironment(Map.of(), Clock.systemUTC(), CliEnvironment.Sleeper.REAL,
                new ByteArrayInputStream(new byte[0]), Path.of(""));

        CliRun.Result result = CliRun.run(inProject, args.toArray(String[]::new));

        assertThat(result.outLines()).hasSize(args.size() - 1);
        for (int i = 0; i < result.outLines().size(); i++) {
            JsonNode line = result.line(i);
            boolean expected = !line.get("file").asText().endsWith("invalid-request.json");
            assertThat(line.get("valid").asBoolean()).as("%s: %s", line.get("file"), line.get("errors"))
                    .isEqualTo(expected);
        }
        assertThat(Samples.valid()).hasSize(args.size() - 2);
        assertThat(result.err()).contains("app settings from ./local.settings.json");
    }

    /** A shell's expansion of a {@code dir/*.json} pattern: the matching files, sorted. */
    private static List<String> expand(String pattern) throws IOException {
        Path directory = Path.of(pattern).getParent();
        java.nio.file.PathMatcher matcher = directory.getFileSystem().getPathMatcher("glob:" + pattern);
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(matcher::matches).map(Path::toString).sorted().toList();
        }
    }

    @Test
    void readsThePolicyFromASettingsFileOverTheEnvironment() throws IOException {
        Path settings = dir.resolve("local.settings.json");
        Files.writeString(settings, """
                {"IsEncrypted": false, "Values": {
                  "POLICY_ALLOWED_WORKSPACES": "%s",
                  "POLICY_ALLOWED_SECRET_STORES": "local",
                  "POLICY_MAX_NODES_PER_CLUSTER": "2"}}
                """.formatted(Samples.DEMO_WORKSPACE));

        CliRun.Result result = CliRun.run(Map.of("POLICY_MAX_NODES_PER_CLUSTER", "100"), "validate",
                "--settings", settings.toString(), Samples.DIRECTORY.resolve("ensure-amlcompute.json").toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.json().get("errors").findValuesAsText("code")).containsExactly("POLICY_MAX_NODES_EXCEEDED");
        assertThat(result.err()).as("--settings named them: nothing to explain").isEmpty();
    }

    @Test
    void aSettingsFileThatIsNotLikeLocalSettingsIsAUsageError() throws IOException {
        Path settings = Files.writeString(dir.resolve("settings.json"), "[1, 2]");

        CliRun.Result result = CliRun.run(Map.of(), "validate", "--settings", settings.toString(),
                Samples.DIRECTORY.resolve("ensure-amlcompute.json").toString()).withoutStackTrace();

        assertThat(result.exitCode()).isEqualTo(64);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("\"Values\"");
    }

    @Test
    void aBadPolicySettingIsAUsageErrorNamingTheSetting() {
        CliRun.Result result = CliRun.run(Map.of("POLICY_MAX_NODES_PER_CLUSTER", "many"), "validate",
                Samples.DIRECTORY.resolve("ensure-amlcompute.json").toString()).withoutStackTrace();

        assertThat(result.exitCode()).isEqualTo(64);
        assertThat(result.err()).contains("POLICY_MAX_NODES_PER_CLUSTER");
    }

    @Test
    void aFileWithoutRequestIdIsValidBecauseItsMessageIdStandsIn() throws IOException {
        Path file = dir.resolve("no-id.json");
        Files.writeString(file, Samples.load("delete-amlcompute.json").without("requestId").toString());

        CliRun.Result result = CliRun.run(CliRun.SAMPLE_POLICY, "validate", file.toString());

        assertThat(result.exitCode()).as(result.out()).isZero();
    }

    static Stream<Arguments> garbage() {
        byte[] binary = new byte[4096];
        new Random(42).nextBytes(binary);
        String deepArrays = "[".repeat(100_000) + "]".repeat(100_000);
        String deepObjects = "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000);
        String huge = "{\"schemaVersion\":\"1.0\",\"pad\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}";
        String longNumber = "{\"schemaVersion\":\"1.0\",\"n\":" + "9".repeat(5000) + "}";
        return Stream.of(
                Arguments.of("empty", new byte[0], "MALFORMED_JSON"),
                Arguments.of("whitespace", "  \n\t ".getBytes(StandardCharsets.UTF_8), "MALFORMED_JSON"),
                Arguments.of("not JSON", "ensure aml-cluster please".getBytes(StandardCharsets.UTF_8), "MALFORMED_JSON"),
                Arguments.of("a JSON array", "[{\"action\":\"ensure\"}]".getBytes(StandardCharsets.UTF_8), "NOT_AN_OBJECT"),
                Arguments.of("a JSON string", "\"ensure\"".getBytes(StandardCharsets.UTF_8), "NOT_AN_OBJECT"),
                Arguments.of("two objects", "{}{}".getBytes(StandardCharsets.UTF_8), "MALFORMED_JSON"),
                Arguments.of("duplicate keys", "{\"action\":\"ensure\",\"action\":\"delete\"}".getBytes(StandardCharsets.UTF_8),
                        "DUPLICATE_KEY"),
                Arguments.of("deeply nested arrays", deepArrays.getBytes(StandardCharsets.UTF_8), "NESTING_TOO_DEEP"),
                Arguments.of("deeply nested objects", deepObjects.getBytes(StandardCharsets.UTF_8), "NESTING_TOO_DEEP"),
                Arguments.of("a multi-megabyte file", huge.getBytes(StandardCharsets.UTF_8), "MESSAGE_TOO_LARGE"),
                Arguments.of("a 5000-digit number", longNumber.getBytes(StandardCharsets.UTF_8), null),
                Arguments.of("binary garbage", binary, "MALFORMED_JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("garbage")
    void rejectsGarbageWithOneCleanLine(String what, byte[] content, String expectedCode) throws IOException {
        Path file = Files.write(dir.resolve("garbage.json"), content);

        CliRun.Result result = CliRun.run(CliRun.SAMPLE_POLICY, "validate", file.toString()).withoutStackTrace();

        assertThat(result.exitCode()).isEqualTo(1);
        JsonNode line = result.json();
        assertThat(line.get("file").asText()).isEqualTo(file.toString());
        assertThat(line.get("valid").asBoolean()).isFalse();
        assertThat(line.get("errors")).isNotEmpty();
        if (expectedCode != null) {
            assertThat(line.get("errors").findValuesAsText("code")).contains(expectedCode);
        }
        assertThat(result.out().length()).as("a report, not an echo of the input").isLessThan(2000);
        assertThat(result.err().lines()).as("nothing on stderr but which settings were used")
                .containsExactly("validate: app settings from the environment (POLICY_* variables)");
    }

    @Test
    void aMissingFileADirectoryAndAnUnreadableFileEachGetFileNotReadable() throws IOException {
        Path missing = dir.resolve("missing.json");
        Path directory = Files.createDirectory(dir.resolve("requests"));

        CliRun.Result result = CliRun.run(CliRun.SAMPLE_POLICY, "validate", missing.toString(), directory.toString(),
                Samples.DIRECTORY.resolve("update-scale.json").toString()).withoutStackTrace();

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.line(0).get("errors").findValuesAsText("code")).containsExactly("FILE_NOT_READABLE");
        assertThat(result.line(0).get("errors").get(0).get("message").asText()).contains("does not exist");
        assertThat(result.line(1).get("errors").findValuesAsText("code")).containsExactly("FILE_NOT_READABLE");
        assertThat(result.line(2).get("valid").asBoolean()).as("the other files are still checked").isTrue();
    }

    @Test
    void aFileWithoutReadPermissionGetsFileNotReadable() throws IOException {
        Path file = Files.writeString(dir.resolve("secret.json"), "{}");
        assumeFalse(!file.toFile().setReadable(false, false) || Files.isReadable(file),
                "this user can read any file (root)");

        CliRun.Result result = CliRun.run(CliRun.SAMPLE_POLICY, "validate", file.toString()).withoutStackTrace();

        assertThat(result.json().get("errors").findValuesAsText("code")).containsExactly("FILE_NOT_READABLE");
    }

    @Test
    void dropsAUtf8ByteOrderMarkAsEditorsWriteIt() throws IOException {
        byte[] sample = Files.readAllBytes(Samples.DIRECTORY.resolve("delete-amlcompute.json"));
        byte[] withBom = new byte[sample.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(sample, 0, withBom, 3, sample.length);
        Path file = Files.write(dir.resolve("bom.json"), withBom);

        CliRun.Result result = CliRun.run(CliRun.SAMPLE_POLICY, "validate", file.toString());

        assertThat(result.exitCode()).as(result.out()).isZero();
    }

    @Test
    void readsStandardInputForDash() throws IOException {
        byte[] sample = Files.readAllBytes(Samples.DIRECTORY.resolve("update-scale.json"));
        CliEnvironment environment = new CliEnvironment(CliRun.SAMPLE_POLICY, Clock.systemUTC(),
                CliEnvironment.Sleeper.REAL, new ByteArrayInputStream(sample));

        CliRun.Result result = CliRun.run(environment, "validate", "-");

        assertThat(result.exitCode()).isZero();
        assertThat(result.json().get("file").asText()).isEqualTo("-");
    }

    @Test
    void withoutFilesItIsAUsageErrorWithAHint() {
        CliRun.Result result = CliRun.run(Map.of(), "validate").withoutStackTrace();

        assertThat(result.exitCode()).isEqualTo(64);
        assertThat(result.err()).contains("FILE").contains("computectl validate --help");
        assertThat(result.out()).isEmpty();
    }
}
