package io.amlcompute.provisioner.local.host.testtimer;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** Timer triggered functions of the test app that record the TimerInfo JSON of every run. */
public final class Ticks {

    /** Each run's function name and TimerInfo text, in order. */
    public static final Queue<Run> RUNS = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger STUMBLES = new AtomicInteger();

    @FunctionName("Monitored")
    public void monitored(@TimerTrigger(name = "timer", schedule = "%MONITORED_SCHEDULE%") String timerInfo) {
        RUNS.add(new Run("Monitored", timerInfo));
    }

    @FunctionName("Frequent")
    public void frequent(@TimerTrigger(name = "timer", schedule = "%FREQUENT_SCHEDULE%") String timerInfo,
                         ExecutionContext context) {
        RUNS.add(new Run("Frequent", timerInfo));
    }

    /** Throws on its first run: the schedule must go on. */
    @FunctionName("Stumbling")
    public void stumbling(@TimerTrigger(name = "timer", schedule = "%FREQUENT_SCHEDULE%") String timerInfo) {
        RUNS.add(new Run("Stumbling", timerInfo));
        if (STUMBLES.incrementAndGet() == 1) {
            throw new IllegalStateException("failing the first run on purpose");
        }
    }

    public static List<Run> runsOf(String function) {
        return RUNS.stream().filter(run -> run.function().equals(function)).toList();
    }

    public record Run(String function, String timerInfo) {
    }
}
