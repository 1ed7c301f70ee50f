package io.amlcompute.provisioner.local.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** NCrontab 3.3.3's rules as the timer extension applies them (NcrontabSchedule's javadoc lists the sources). */
class NcrontabScheduleTest {

    /** 2026-12-04 is a Friday. */
    @ParameterizedTest(name = "{0} after {1} is {2}")
    @CsvSource(delimiter = '|', value = {
            "0 */5 * * * *      | 2026-12-04T10:02:30           | 2026-12-04T10:05:00",
            "0 */5 * * * *      | 2026-12-04T10:05:00           | 2026-12-04T10:10:00",
            "0 */5 * * * *      | 2026-12-04T10:04:59.999       | 2026-12-04T10:05:00",
            "*/5 * * * *        | 2026-12-04T10:02:30           | 2026-12-04T10:05:00",
            "0 30 9 * * Mon-Fri | 2026-12-04T09:30:00           | 2026-12-07T09:30:00",
            "0 0 0 31 * *       | 2026-02-01T00:00:00           | 2026-03-31T00:00:00",
            "0 0 0 13 * 5       | 2026-01-01T00:00:00           | 2026-02-13T00:00:00",
            "5/15 * * * * *     | 2026-12-04T10:00:50           | 2026-12-04T10:01:05",
            "10-5 * * * * *     | 2026-12-04T10:00:10           | 2026-12-04T10:01:05",
            "*/0 * * * * *      | 2026-12-04T10:00:10           | 2026-12-04T10:00:11",
            "0 0 0 1 J *        | 2026-12-04T00:00:00           | 2027-01-01T00:00:00",
            "0 0 0 * ju *       | 2026-12-04T00:00:00           | 2027-06-01T00:00:00",
            "0 0 12 * * t       | 2026-12-04T00:00:00           | 2026-12-08T12:00:00",
            "0 0 0 29 2 *       | 2026-12-04T00:00:00           | 2028-02-29T00:00:00",
            "0   0  6 * * *     | 2026-12-04T07:00:00           | 2026-12-05T06:00:00"})
    void findsTheNextOccurrenceStrictlyAfterTheWholeSecond(String expression, String after, String expected) {
        assertThat(NcrontabSchedule.parse(expression).nextAfter(LocalDateTime.parse(after)))
                .contains(LocalDateTime.parse(expected));
    }

    @Test
    void aScheduleThatCanNeverMatchHasNoOccurrence() {
        assertThat(NcrontabSchedule.parse("0 0 0 30 2 *").nextAfter(LocalDateTime.parse("2026-12-04T00:00:00")))
                .isEmpty();
    }

    @Test
    void successiveOccurrencesOfAStepList() {
        NcrontabSchedule schedule = NcrontabSchedule.parse("0 1,20-22,50/5 * * * *");
        List<Integer> minutes = new ArrayList<>();
        LocalDateTime time = LocalDateTime.parse("2026-12-04T10:00:00");
        for (int i = 0; i < 7; i++) {
            time = schedule.nextAfter(time).orElseThrow();
            minutes.add(time.getMinute());
        }
        assertThat(minutes).containsExactly(1, 20, 21, 22, 50, 55, 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"* * * *", "* * * * * * *", "60 * * * * *", "0 0 24 * * *", "* * * * * 7", "0-60 * * * * *",
            ",5 * * * * *", "1,,2 * * * * *", "x * * * * *", "0 0 0 0 * *", "0 0 0 1 Smarch *", "00:05:00", "",
            "*/x * * * * *", "+5 * * * * *"})
    void refusesWhatNcrontabRefuses(String expression) {
        assertThatIllegalArgumentException().isThrownBy(() -> NcrontabSchedule.parse(expression));
        assertThat(NcrontabSchedule.tryParse(expression)).isEqualTo(Optional.empty());
    }

    @ParameterizedTest(name = "{0}: more than once a minute = {1}")
    @CsvSource(delimiter = '|', value = {
            "*/10 * * * * *   | true",
            "*/30 * * * * *   | true",
            "0 * * * * *      | false",
            "0 */5 * * * *    | false",
            "* * * * *        | false",
            "*/1 * 0-22 * * * | false",
            "*/1 0-59 * * * * | true"})
    void theMonitorIsOffOnlyForSchedulesThatFireMoreThanOnceAMinute(String expression, boolean often) {
        assertThat(NcrontabSchedule.parse(expression)
                .firesMoreThanOncePerMinute(LocalDateTime.parse("2026-12-04T10:00:00.5"))).isEqualTo(often);
    }
}
