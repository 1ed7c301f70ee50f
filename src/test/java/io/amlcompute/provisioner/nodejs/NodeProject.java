package io.amlcompute.provisioner.nodejs;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Node.js project of the repository (a folder with {@code package.json} and a committed
 * {@code package-lock.json}) made runnable for a test: copied to {@code target/js/<name>}, its dependencies
 * installed there with {@code npm ci} from the npm registry (skipped while the lock file is the one installed last,
 * so a second run costs nothing), and its scripts run with Node as found on the machine.
 *
 * <p>Node.js 20 or newer is required. Without it the test fails and says what to install; a developer who cannot
 * install it skips these tests deliberately with {@code -DskipJsTests=true} (CI never does: a missing Node must
 * not pass as green). See docs/decisions/0007-javascript-clients-in-the-test-suite.md.
 */
public final class NodeProject {

    public static final String SKIP_PROPERTY = "skipJsTests";
    static final int MINIMUM_NODE_MAJOR = 20;
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final String INSTALLED_MARKER = ".installed-lock-sha256";
    private static final Pattern NODE_VERSION = Pattern.compile("v(\\d+)\\.");
    private static final String TEST_SOURCES = "src/test/js";
    private static final String HARNESS = "harness";

    private final Path directory;

    private NodeProject(Path directory) {
        this.directory = directory;
    }

    /**
     * A conformance suite: {@code src/test/js/<suite>}, with the shared {@code src/test/js/harness} beside it
     * (suites import {@code ../harness/scenarios.mjs}).
     */
    public static NodeProject testSuite(String suite) {
        return prepare(Path.of(TEST_SOURCES, suite), suite, Path.of(TEST_SOURCES, HARNESS));
    }

    /**
     * The project in {@code source} (relative to the repository root), ready to run: copied to
     * {@code target/js/<name>} and installed. Aborts the test (skipped) only with {@code -DskipJsTests=true}.
     */
    public static NodeProject prepare(String source, String name) {
        return prepare(Path.of(source), name, null);
    }

    private static NodeProject prepare(Path source, String name, Path harness) {
        Assumptions.assumeFalse(Boolean.getBoolean(SKIP_PROPERTY),
                "JavaScript client tests skipped with -D" + SKIP_PROPERTY + "=true");
        requireNode();
        Path root = Path.of(System.getProperty("projectBuildDirectory", "target"), "js").toAbsolutePath();
        Path to = root.resolve(name);
        copySources(source.toAbsolutePath(), to, true);
        if (harness != null) {
            copySources(harness.toAbsolutePath(), root.resolve(HARNESS), false);
        }
        NodeProject project = new NodeProject(to);
        project.installIfChanged();
        return project;
    }

    /**
     * The environment for a scenario script: the given variables, plus {@code SCENARIOS} from the system property
     * {@code jsScenarios} ({@code "part|other part"}: only the scenarios whose names contain one) while working on
     * them.
     */
    public static Map<String, String> environment(Map<String, String> variables) {
        Map<String, String> environment = new java.util.HashMap<>(variables);
        String only = System.getProperty("jsScenarios");
        if (only != null && !only.isBlank()) {
            environment.put("SCENARIOS", only);
        }
        return environment;
    }

    public Path directory() {
        return directory;
    }

    /**
     * Runs {@code node <script> <args>} in the project folder with the given environment added, and waits at most
     * {@code timeout} (then the process is killed and the result says so).
     */
    public NodeRun run(String script, List<String> args, Map<String, String> environment, Duration timeout) {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(args);
        return execute(command, environment, timeout);
    }

    private void installIfChanged() {
        String lockHash = sha256(directory.resolve("package-lock.json"));
        Path marker = directory.resolve("node_modules").resolve(INSTALLED_MARKER);
        try {
            if (Files.isRegularFile(marker) && Files.readString(marker).equals(lockHash)) {
                return;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        NodeRun install = execute(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), INSTALL_TIMEOUT);
        if (install.exitCode() != 0) {
            throw new IllegalStateException("npm ci failed in " + directory + " (exit " + install.exitCode()
                    + "); the npm registry must be reachable for the JavaScript client tests:\n" + install.stderr());
        }
        try {
            Files.writeString(marker, lockHash);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private NodeRun execute(List<String> command, Map<String, String> environment, Duration timeout) {
        return start(command, environment).finish(timeout);
    }

    /** Starts {@code node <script> <args>} and returns at once; {@link Running#finish} waits for it. */
    public Running start(String script, List<String> args, Map<String, String> environment) {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(args);
        return start(command, environment);
    }

    private Running start(List<String> command, Map<String, String> environment) {
        try {
            Path stdout = Files.createTempFile("node-out", ".txt");
            Path stderr = Files.createTempFile("node-err", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            builder.environment().putAll(environment);
            return new Running(builder.start(), stdout, stderr);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command + " in " + directory, e);
        }
    }

    /** A Node process started by {@link #start}: its output goes to temporary files until it finishes. */
    public static final class Running {
        private final Process process;
        private final Path stdout;
        private final Path stderr;

        private Running(Process process, Path stdout, Path stderr) {
            this.process = process;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        /** Waits at most {@code timeout}, killing the process then, and returns what it left behind. */
        public NodeRun finish(Duration timeout) {
            try {
                boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (!finished) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                return new NodeRun(finished ? process.exitValue() : -1, !finished,
                        Files.readString(stdout, StandardCharsets.UTF_8), Files.readString(stderr, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new IllegalStateException("interrupted while waiting for node", e);
            } finally {
                try {
                    Files.deleteIfExists(stdout);
                    Files.deleteIfExists(stderr);
                } catch (IOException e) {
                    // temporary files; nothing to do
                }
            }
        }
    }

    /** Fails the test, naming what to install, when Node.js is missing or older than 20. */
    static void requireNode() {
        String version;
        try {
            Process process = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new IllegalStateException("Node.js " + MINIMUM_NODE_MAJOR + " or newer (node and npm on PATH) is "
                    + "needed for the JavaScript client tests, and 'node' was not found: install it, or skip these "
                    + "tests deliberately with -D" + SKIP_PROPERTY + "=true.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking node for its version", e);
        }
        Matcher matcher = NODE_VERSION.matcher(version);
        if (!matcher.lookingAt() || Integer.parseInt(matcher.group(1)) < MINIMUM_NODE_MAJOR) {
            throw new IllegalStateException("Node.js " + MINIMUM_NODE_MAJOR + " or newer is needed for the "
                    + "JavaScript client tests; 'node --version' says '" + version + "'. Install a newer Node, or skip "
                    + "these tests deliberately with -D" + SKIP_PROPERTY + "=true.");
        }
    }

    /** Copies the project's own files (not node_modules) over the previous copy. */
    private static void copySources(Path from, Path to, boolean withLockFile) {
        if (withLockFile && !Files.isRegularFile(from.resolve("package-lock.json"))) {
            throw new IllegalStateException(from + " has no package-lock.json: commit one (npm install writes it)");
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path relative = from.relativize(file);
                if (relative.startsWith("node_modules")) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
        }
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
