package io.amlcompute.provisioner.local.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.local.host.testtimer.Ticks;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The test app's timer functions run by the host on second-by-second schedules, each run's TimerInfo as the worker
 * receives it (docs/local/functions-host.md, "Timer trigger").
 */
@Timeout(60)
class TimerTriggersTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static LocalFunctionsHost host;

    @BeforeAll
    static void start() throws Exception {
        // Every second of this hour and the next: the hours field is not "*", so the schedule keeps its monitor.
        int hour = LocalDateTime.now(ZoneOffset.UTC).getHour();
        host = LocalFunctionsHost.start(LocalFunctionsHostOptions.forApp(Map.of(
                        "MONITORED_SCHEDULE", "*/1 * " + hour + "," + (hour + 1) % 24 + " * * *",
                        "FREQUENT_SCHEDULE", "*/1 * * * * *"))
                .withFunctionsPackage("io.amlcompute.provisioner.local.host.testtimer"));
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    @Test
    void aMonitoredTimerGetsTheStatusBeforeEachRunStartingFromTheInitialOne() throws Exception {
        List<Ticks.Run> runs = await().atMost(WAIT).until(() -> Ticks.runsOf("Monitored"), list -> list.size() >= 3);

        JsonNode first = Json.MAPPER.readTree(runs.get(0).timerInfo());
        assertThat(first.path("Schedule").toString()).isEqualTo("{\"AdjustForDST\":true}");
        assertThat(first.path("IsPastDue").asBoolean(true)).isFalse();
        assertThat(first.path("ScheduleStatus").path("Last").asText()).isEqualTo("0001-01-01T00:00:00+00:00");
        assertThat(first.path("ScheduleStatus").path("LastUpdated").asText()).isEqualTo("0001-01-01T00:00:00+00:00");
        OffsetDateTime firstNext = OffsetDateTime.parse(first.path("ScheduleStatus").path("Next").asText());
        assertThat(firstNext.getNano()).as("an occurrence is a whole second").isZero();

        JsonNode second = Json.MAPPER.readTree(runs.get(1).timerInfo()).path("ScheduleStatus");
        OffsetDateTime last = OffsetDateTime.parse(second.path("Last").asText());
        assertThat(last).as("Last is when the previous run started, never before its occurrence")
                .isAfterOrEqualTo(firstNext).isBefore(firstNext.plusSeconds(1));
        assertThat(second.path("LastUpdated").asText()).isEqualTo(second.path("Last").asText());
        assertThat(OffsetDateTime.parse(second.path("Next").asText())).isEqualTo(firstNext.plusSeconds(1));
    }

    @Test
    void aTimerThatFiresMoreThanOnceAMinuteHasNoStatus() throws Exception {
        List<Ticks.Run> runs = await().atMost(WAIT).until(() -> Ticks.runsOf("Frequent"), list -> !list.isEmpty());

        assertThat(runs.get(0).timerInfo())
                .isEqualTo("{\"Schedule\":{\"AdjustForDST\":true},\"ScheduleStatus\":null,\"IsPastDue\":false}");
    }

    @Test
    void aFailedRunDoesNotStopTheSchedule() {
        await().atMost(WAIT).until(() -> Ticks.runsOf("Stumbling"), list -> list.size() >= 3);
    }
}
