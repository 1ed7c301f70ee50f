package io.amlcompute.provisioner.local.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.amlcompute.provisioner.local.host.testtimer.refused.RefusedTimers;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the local host reads a timer trigger, and what it refuses at start rather than guess. */
class BindingResolverTimerTest {

    @Test
    void resolvesTheScheduleFromItsSettingWithTheMonitorOnByDefault() {
        FunctionDefinition function = new BindingResolver(Map.of("SCHEDULE", "0 */5 * * * *"))
                .resolve(method("everyFiveMinutes"));

        TriggerBinding.Timer timer = (TriggerBinding.Timer) function.trigger();
        assertThat(timer.name()).isEqualTo("timer");
        assertThat(timer.schedule()).hasToString("Cron: '0 */5 * * * *'");
        assertThat(timer.useMonitor()).isTrue();
    }

    @Test
    void turnsTheMonitorOffForASubMinuteSchedule() {
        FunctionDefinition function = new BindingResolver(Map.of("SCHEDULE", "*/10 * * * * *"))
                .resolve(method("everyFiveMinutes"));

        assertThat(((TriggerBinding.Timer) function.trigger()).useMonitor()).isFalse();
    }

    @Test
    void refusesATimeSpanScheduleAndAnythingElseThatIsNotNcrontab() {
        for (String schedule : new String[]{"00:05:00", "every five minutes"}) {
            assertThatIllegalStateException().isThrownBy(() -> new BindingResolver(Map.of("SCHEDULE", schedule))
                    .resolve(method("everyFiveMinutes"))).withMessageContaining("EveryFiveMinutes")
                    .withMessageContaining(schedule);
        }
    }

    @Test
    void refusesAScheduleSettingThatIsMissing() {
        assertThatIllegalStateException().isThrownBy(() -> new BindingResolver(Map.of())
                .resolve(method("everyFiveMinutes"))).withMessageContaining("SCHEDULE");
    }

    @Test
    void refusesATimeZoneOtherThanUtc() {
        for (String zone : new String[]{"WEBSITE_TIME_ZONE", "TZ"}) {
            assertThatIllegalStateException().isThrownBy(() -> new BindingResolver(Map.of("SCHEDULE",
                            "0 */5 * * * *", zone, "Europe/Amsterdam")).resolve(method("everyFiveMinutes")))
                    .withMessageContaining(zone);
        }
    }

    @Test
    void refusesTheTimersBindingDataAndABinaryTimerInfo() {
        assertThatIllegalStateException().isThrownBy(() -> new BindingResolver(Map.of()).resolve(method("bindsMetadata")))
                .withMessageContaining("TimerTrigger");
        assertThatIllegalStateException().isThrownBy(() -> new BindingResolver(Map.of()).resolve(method("bindsBytes")))
                .withMessageContaining("dataType");
    }

    private static Method method(String name) {
        return Arrays.stream(RefusedTimers.class.getMethods()).filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow();
    }
}
