package io.amlcompute.provisioner.local.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** The TimerInfo JSON the host sends the Java worker (TimerInfoValue's javadoc has the sources). */
class TimerInfoValueTest {

    @Test
    void aFirstRunWithAMonitorCarriesTheInitialStatus() {
        String json = TimerInfoValue.json(TimerInfoValue.ScheduleStatus.initial(
                LocalDateTime.parse("2026-12-04T10:05:00")), false);

        assertThat(json).isEqualTo("{\"Schedule\":{\"AdjustForDST\":true},\"ScheduleStatus\":{"
                + "\"Last\":\"0001-01-01T00:00:00+00:00\",\"Next\":\"2026-12-04T10:05:00+00:00\","
                + "\"LastUpdated\":\"0001-01-01T00:00:00+00:00\"},\"IsPastDue\":false}");
    }

    @Test
    void timesOfKindLocalAreWrittenWithTheHostsOffsetAndTheirTicksTrimmed() {
        LocalDateTime last = LocalDateTime.parse("2026-12-04T10:05:00.001234567");
        String json = TimerInfoValue.json(new TimerInfoValue.ScheduleStatus(last,
                LocalDateTime.parse("2026-12-04T10:10:00"), last), false);

        assertThat(json).contains("\"Last\":\"2026-12-04T10:05:00.0012345+00:00\"")
                .contains("\"LastUpdated\":\"2026-12-04T10:05:00.0012345+00:00\"");
    }

    @Test
    void withoutAMonitorTheStatusIsNull() {
        assertThat(TimerInfoValue.json(null, false))
                .isEqualTo("{\"Schedule\":{\"AdjustForDST\":true},\"ScheduleStatus\":null,\"IsPastDue\":false}");
    }
}
