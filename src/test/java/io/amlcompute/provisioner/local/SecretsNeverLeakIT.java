package io.amlcompute.provisioner.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.local.arm.RecordedRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The requests that carry secret references go through the whole app on a {@link LocalStack} with a data
 * directory, and the resolved values (from the local secret store the stack uses) appear nowhere they must not:
 * not in the events, not in the status API's answers, not in the durable task hub or the Service Bus emulator's
 * storage, not in any log line or console output. Only ARM may receive them, and its request log shows them
 * redacted. Each place is also checked to hold the request (a positive control), so a check that looks in the
 * wrong place fails instead of passing.
 */
@Timeout(300)
class SecretsNeverLeakIT {

    private static final Path SECRETS_FILE = Path.of("samples", "local-secrets.json");
    /** Sample name → the compute name it creates or attaches; each sample references at least one secret. */
    private static final Map<String, String> SAMPLES = Map.of(
            "attach-databricks", "db-cluster",
            "attach-virtualmachine", "vm-compute",
            "attach-hdinsight", "hdi-compute",
            "ensure-amlcompute", "aml-cluster");

    @TempDir
    static Path temp;

    private static final CapturedOutput output = new CapturedOutput();
    private static LocalStack stack;
    private static Path data;
    private static final Map<String, String> requestIds = new LinkedHashMap<>();
    private static final Map<String, StackProbe.Event> events = new LinkedHashMap<>();
    private static final Map<String, List<String>> statusAnswers = new ConcurrentHashMap<>();

    @BeforeAll
    static void sendEverySampleWithASecretAndWaitForItsEvent() throws Exception {
        output.start();
        data = temp.resolve("data");
        stack = LocalStack.start(LocalStackOptions.defaults().withDataDirectory(data)
                .withProvisioningTime(Duration.ofSeconds(1)));
        try (StackProbe probe = StackProbe.of(stack)) {
            for (String sample : SAMPLES.keySet()) {
                String requestId = StackProbe.uniqueId(sample);
                requestIds.put(sample, requestId);
                statusAnswers.put(requestId, new CopyOnWriteArrayList<>());
                probe.send(StackProbe.sample(sample, requestId));
            }
            for (String requestId : requestIds.values()) {
                // Every answer the status API gives along the way is kept: progress while running, the event after.
                await().atMost(StackProbe.WAIT).until(() -> {
                    JsonNode status = probe.status(requestId);
                    if (status != null) {
                        statusAnswers.get(requestId).add(Json.MAPPER.writeValueAsString(status));
                    }
                    return status != null && status.path("runtimeStatus").asText().equals("COMPLETED");
                });
                events.put(requestId, probe.awaitEvent(requestId));
            }
        }
    }

    @AfterAll
    static void stopStack() {
        try {
            if (stack != null) {
                stack.close();
            }
        } finally {
            output.stop();
        }
    }

    @Test
    void everyRequestSucceededSoTheSecretsReallyWentThrough() {
        // Databricks attach succeeds only with the store's token: the secret was resolved and sent to ARM.
        assertThat(events.values()).extracting(StackProbe.Event::type)
                .containsOnly("io.amlcompute.compute.ready");
        assertThat(events.values()).extracting(StackProbe.Event::outcome).containsOnly("attached", "created");
    }

    @Test
    void noEventBodyOrPropertyCarriesASecret() throws Exception {
        for (StackProbe.Event event : events.values()) {
            assertNoSecretIn("event " + event.messageId(), Json.MAPPER.writeValueAsString(event.body())
                    + event.properties());
        }
    }

    @Test
    void noStatusApiAnswerCarriesASecret() {
        for (Map.Entry<String, List<String>> answers : statusAnswers.entrySet()) {
            assertThat(answers.getValue()).as("status answers for %s", answers.getKey()).isNotEmpty();
            answers.getValue().forEach(answer -> assertNoSecretIn("status of " + answers.getKey(), answer));
        }
    }

    @Test
    void theDurableTaskHubStoresNoSecret() {
        assertStoredWithoutSecrets(data.resolve("durable"));
    }

    @Test
    void theServiceBusEmulatorStoresNoSecret() {
        assertStoredWithoutSecrets(data.resolve("servicebus"));
    }

    @Test
    void nothingElseInTheDataDirectoryHoldsASecret() throws IOException {
        try (Stream<Path> files = Files.walk(data)) {
            files.filter(Files::isRegularFile).forEach(file -> assertNoSecretIn(file.toString(), read(file)));
        }
    }

    @Test
    void noLogRecordCarriesASecret() {
        String logged = output.logRecords();
        requestIds.values().forEach(id -> assertThat(logged).as("the captured log is the app's").contains(id));
        assertNoSecretIn("log records", logged);
    }

    @Test
    void nothingWrittenToTheConsoleCarriesASecret() {
        // JUL's console handler writes to the System.err it found first; its lines are the log records above.
        assertNoSecretIn("System.out and System.err", output.console());
    }

    @Test
    void armReceivedTheSecretsButItsRequestLogShowsThemRedacted() {
        List<RecordedRequest> puts = stack.armEmulator().requests().stream()
                .filter(r -> r.method().equals("PUT")).toList();
        for (String compute : List.of("db-cluster", "vm-compute", "hdi-compute", "aml-cluster")) {
            assertThat(puts).as("PUT of %s", compute).filteredOn(r -> r.path().endsWith("/computes/" + compute))
                    .isNotEmpty().allSatisfy(put -> assertThat(put.body()).contains("[REDACTED]"));
        }
        stack.armEmulator().requests().forEach(r -> assertNoSecretIn(r.method() + " " + r.path(), r.body()
                + r.query() + r.path()));
    }

    private static void assertStoredWithoutSecrets(Path directory) {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(directory)) {
            files.filter(Files::isRegularFile).forEach(file -> all.append(read(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Positive control: the requests themselves are stored here, so their secrets would be too if leaked.
        requestIds.values().forEach(id -> assertThat(all.toString()).as("%s holds %s", directory, id).contains(id));
        assertNoSecretIn(directory.toString(), all.toString());
    }

    private static void assertNoSecretIn(String where, String text) {
        for (String needle : SecretNeedles.ALL) {
            assertThat(text).as("%s must not contain a secret from %s", where, SECRETS_FILE).doesNotContain(needle);
        }
    }

    /** Bytes as ISO-8859-1: one char per byte, so UTF-8 text inside binary files (SQLite pages) is found as is. */
    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The resolved values of the local secret store, whole, JSON-escaped, and their distinctive parts. */
    private static final class SecretNeedles {

        static final Set<String> ALL = load();

        private static Set<String> load() {
            try {
                ObjectNode secrets = (ObjectNode) Json.MAPPER.readTree(Files.readString(SECRETS_FILE));
                Set<String> needles = new LinkedHashSet<>();
                secrets.fields().forEachRemaining(entry -> {
                    if (entry.getKey().startsWith("_")) {
                        return;
                    }
                    String value = entry.getValue().asText();
                    needles.add(value);
                    needles.add(Json.MAPPER.valueToTree(value).toString().replaceAll("^\"|\"$", ""));
                    for (String part : value.split("\\s+")) {
                        // Key material and tokens, not PEM armour lines or the key type.
                        if (part.length() >= 12 && !part.startsWith("-----")) {
                            needles.add(part);
                        }
                    }
                });
                assertThat(needles).as("secrets in %s", SECRETS_FILE).hasSizeGreaterThanOrEqualTo(4);
                return needles;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Every log record (root logger, FINE and up) and everything written to System.out and System.err. */
    private static final class CapturedOutput {

        private final List<String> records = new CopyOnWriteArrayList<>();
        private final ByteArrayOutputStream console = new ByteArrayOutputStream();
        private final Handler handler = new Handler() {
            private final SimpleFormatter formatter = new SimpleFormatter();

            @Override
            public void publish(LogRecord record) {
                records.add(formatter.format(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        private PrintStream originalOut;
        private PrintStream originalErr;
        private Level originalLevel;

        void start() {
            Logger root = Logger.getLogger("");
            originalLevel = root.getLevel();
            root.setLevel(Level.FINE);
            handler.setLevel(Level.ALL);
            root.addHandler(handler);
            originalOut = System.out;
            originalErr = System.err;
            System.setOut(new PrintStream(new Tee(originalOut, console), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new Tee(originalErr, console), true, StandardCharsets.UTF_8));
        }

        void stop() {
            Logger root = Logger.getLogger("");
            root.removeHandler(handler);
            root.setLevel(originalLevel);
            System.setOut(originalOut);
            System.setErr(originalErr);
        }

        String logRecords() {
            return String.join("", new ArrayList<>(records));
        }

        String console() {
            synchronized (console) {
                return console.toString(StandardCharsets.UTF_8);
            }
        }
    }

    /** Writes to the real stream and to the capture. */
    private static final class Tee extends OutputStream {
        private final OutputStream real;
        private final ByteArrayOutputStream copy;

        Tee(OutputStream real, ByteArrayOutputStream copy) {
            this.real = real;
            this.copy = copy;
        }

        @Override
        public void write(int b) throws IOException {
            real.write(b);
            synchronized (copy) {
                copy.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            real.write(b, off, len);
            synchronized (copy) {
                copy.write(b, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            real.flush();
        }
    }
}
