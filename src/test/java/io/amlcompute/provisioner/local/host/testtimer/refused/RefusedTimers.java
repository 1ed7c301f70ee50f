package io.amlcompute.provisioner.local.host.testtimer.refused;

import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;

/** Timer functions the local host must refuse at start (never scanned as an app: BindingResolverTimerTest reads them). */
public final class RefusedTimers {

    @FunctionName("BindsTheTimersMetadata")
    public void bindsMetadata(@TimerTrigger(name = "timer", schedule = "0 */5 * * * *") String timerInfo,
                              @BindingName("TimerTrigger") String firedAt) {
    }

    @FunctionName("BindsBytes")
    public void bindsBytes(@TimerTrigger(name = "timer", dataType = "binary", schedule = "0 */5 * * * *") byte[] info) {
    }

    @FunctionName("EveryFiveMinutes")
    public void everyFiveMinutes(@TimerTrigger(name = "timer", schedule = "%SCHEDULE%") String timerInfo) {
    }
}
