package io.amlcompute.provisioner.cli;

import io.amlcompute.provisioner.config.EntityNames;
import io.amlcompute.provisioner.contract.event.ComputeEvent;
import io.amlcompute.provisioner.contract.event.EventType;
import io.amlcompute.provisioner.contract.validation.Samples;
import io.amlcompute.provisioner.local.ManualClock;
import io.amlcompute.provisioner.provisioning.ReplyAddress;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code send --wait} and {@code wait} say on stderr while they wait: progress read from a status API on
 * loopback, the "still waiting" lines, against the Service Bus emulator. Time is a ManualClock the test moves, so
 * nothing waits for minutes; Service Bus receives still take real (short) time.
 */
class WaitProgressTest {

    private static final String KEY = "k-secret-4711";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-29T10:00:00Z"));
    private LocalServiceBus bus;
    private LocalStatusApi statusApi;

    @BeforeEach
    void start() {
        bus = new LocalServiceBus();
        statusApi = new LocalStatusApi();
    }

    @AfterEach
    void stop() {
        statusApi.close();
        bus.close();
    }

    private CliEnvironment environment() {
        return new CliEnvironment(CliRun.with(bus.variables(), StatusCommand.KEY_VARIABLE, KEY), clock,
                CliEnvironment.Sleeper.REAL, new ByteArrayInputStream(new byte[0]));
    }

    /** Moves the clock by one read interval and returns once the status API has served {@code reads} answers. */
    private void nextRead(int reads) {
        clock.advance(WaitProgress.READ_EVERY);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> statusApi.served().size() >= reads);
    }

    private static long linesContaining(String text, String needle) {
        return text.lines().filter(line -> line.contains(needle)).count();
    }

    @Test
    void sendWaitShowsPhaseStatesAndNodeCountsBeforeTheEventAndPrintsOnlyTheEventOnStdout() throws Exception {
        statusApi.answer(200, LocalStatusApi.running("req-send", "Creating", "Resizing", 1, 2, 3));
        CliRun.Running send = CliRun.start(environment(), "progress of req-send",
                "send", "--ensure", "cpu-cluster", "--workspace", Samples.DEMO_WORKSPACE,
                "--vm-size", "Standard_DS3_v2", "--max-nodes", "2", "--request-id", "req-send",
                "--wait", "--reply-session", "s-progress", "--timeout", "10m", "--status-url", statusApi.base());
        String before = send.err().toString();
        ComputeEvent ready = LocalServiceBus.eventFor(LocalServiceBus.sampleRequest("req-send"), EventType.READY);

        bus.publisher().publish(ready, new ReplyAddress(EntityNames.REPLIES_QUEUE, "s-progress"));

        CliRun.Result result = send.result(Duration.ofSeconds(60));
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(before).contains("computectl: progress of req-send: RUNNING, waiting: Creating, Resizing,"
                + " nodes 1/2, 3 reads, next read in 1m, deadline in 30m");
        assertThat(result.json().get("id").asText()).isEqualTo(ready.id());
        assertThat(statusApi.served()).first().satisfies(served -> {
            assertThat(served.path()).isEqualTo("/api/compute-requests/req-send");
            assertThat(served.key()).isEqualTo(KEY);
        });
        assertThat(result.err()).doesNotContain(KEY);
    }

    @Test
    void printsALineWhenTheProgressChangesAndNoneWhenItDoesNot() throws Exception {
        String creating = LocalStatusApi.running("req-p", "Creating", "Resizing", 1, 2, 3);
        String steady = LocalStatusApi.running("req-p", "Succeeded", "Steady", 2, 2, 4);
        statusApi.answer(200, creating);
        CliRun.Running wait = CliRun.start(environment(), "progress of req-p",
                "wait", "req-p", "--timeout", "10m", "--status-url", statusApi.base());
        nextRead(2);
        statusApi.answer(200, steady);
        nextRead(3);
        nextRead(4);
        ComputeEvent ready = LocalServiceBus.eventFor(LocalServiceBus.sampleRequest("req-p"), EventType.READY);

        bus.publisher().publish(ready, null);

        CliRun.Result result = wait.result(Duration.ofSeconds(60));
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(statusApi.served()).extracting(LocalStatusApi.Served::body)
                .as("each view was read twice").containsExactly(creating, creating, steady, steady);
        assertThat(linesContaining(result.err(), "progress of req-p")).isEqualTo(2);
        assertThat(linesContaining(result.err(), "Creating, Resizing, nodes 1/2, 3 reads")).isEqualTo(1);
        assertThat(linesContaining(result.err(), "Succeeded, Steady, nodes 2/2, 4 reads")).isEqualTo(1);
        assertThat(result.json().get("id").asText()).isEqualTo(ready.id());
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 401})
    void aFailingStatusApiCostsOneLineAndTheWaitStillEndsWithTheEvent(int status) throws Exception {
        statusApi.answer(status, status == 500 ? "oops" : "");
        CliRun.Running wait = CliRun.start(environment(), "progress unavailable",
                "wait", "req-down", "--session", "s-down", "--timeout", "10m", "--status-url", statusApi.base(),
                "--key", KEY);
        nextRead(2);
        nextRead(3);
        ComputeEvent ready = LocalServiceBus.eventFor(LocalServiceBus.sampleRequest("req-down"), EventType.READY);

        bus.publisher().publish(ready, new ReplyAddress(EntityNames.REPLIES_QUEUE, "s-down"));

        CliRun.Result result = wait.result(Duration.ofSeconds(60)).withoutStackTrace();
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.json().get("id").asText()).isEqualTo(ready.id());
        assertThat(statusApi.served()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(linesContaining(result.err(), "progress unavailable")).isEqualTo(1);
        assertThat(result.err()).contains("HTTP " + status).doesNotContain(KEY);
    }

    @Test
    void withoutAStatusUrlTheFirstStillWaitingLineSaysHowToSeeProgress() throws Exception {
        CliRun.Running wait = CliRun.start(environment(), "waiting up to", "wait", "req-quiet", "--timeout", "10m");
        clock.advance(WaitProgress.STILL_WAITING_EVERY);
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> linesContaining(wait.err().toString(), "still waiting") == 1);
        clock.advance(WaitProgress.STILL_WAITING_EVERY);
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> linesContaining(wait.err().toString(), "still waiting") == 2);
        ComputeEvent deleted = LocalServiceBus.eventFor(LocalServiceBus.sampleRequest("req-quiet"),
                EventType.DELETED);

        bus.publisher().publish(deleted, null);

        CliRun.Result result = wait.result(Duration.ofSeconds(60));
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("computectl: still waiting (1m so far, 9m left); " + WaitProgress.HINT);
        assertThat(linesContaining(result.err(), "--status-url")).isEqualTo(1);
        assertThat(statusApi.served()).isEmpty();
    }

    @Test
    void statusUrlWithoutWaitIsAUsageErrorAndNothingIsSent() {
        CliRun.Result result = CliRun.run(environment(), "send", "--ensure", "cpu-cluster",
                "--workspace", Samples.DEMO_WORKSPACE, "--vm-size", "Standard_DS3_v2", "--max-nodes", "2",
                "--status-url", statusApi.base()).withoutStackTrace();

        assertThat(result.exitCode()).isEqualTo(64);
        assertThat(result.err()).contains("add --wait");
        assertThat(bus.peekQueue(EntityNames.REQUESTS_QUEUE)).isEmpty();
    }

    @Test
    void aKeyForPlainHttpToAnotherHostIsAUsageErrorBeforeAnythingIsSent() {
        CliRun.Result result = CliRun.run(environment(), "send", "--ensure", "cpu-cluster",
                "--workspace", Samples.DEMO_WORKSPACE, "--vm-size", "Standard_DS3_v2", "--max-nodes", "2",
                "--wait", "--status-url", "http://my-app.example.com").withoutStackTrace();

        assertThat(result.exitCode()).isEqualTo(64);
        assertThat(result.err()).contains("only over https").doesNotContain(KEY);
        assertThat(bus.peekQueue(EntityNames.REQUESTS_QUEUE)).isEmpty();
    }
}
