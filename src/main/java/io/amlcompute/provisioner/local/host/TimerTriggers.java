package io.amlcompute.provisioner.local.host;

import io.amlcompute.provisioner.local.host.worker.TypedData;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The timer triggered functions, each run by a listener that follows the timer extension's {@code TimerListener}
 * (azure-webjobs-sdk-extensions @ {@value #SOURCE}, {@code Extensions/Timers/Listener/TimerListener.cs}; Functions
 * host 4.1037 references Microsoft.Azure.WebJobs.Extensions 5.1.0, built from that commit):
 * <ul>
 *   <li>At start the status is {@code Last} = {@code LastUpdated} = {@link TimerInfoValue#NEVER} and {@code Next} =
 *       the first occurrence after now; the timer waits until {@code Next}.</li>
 *   <li>Each run gets a {@code TimerInfo} with the status as it was before the run (null without a monitor) and
 *       {@code IsPastDue} false. Afterwards the status becomes {@code Last} = {@code LastUpdated} = the invocation
 *       time (moved forward to {@code Next} if the timer fired early), {@code Next} = the occurrence after that, and
 *       the wait is {@code Next} minus now, at least one tick: a run that overran an occurrence is followed by one
 *       run straight away, not one per missed occurrence.</li>
 *   <li>A failed run is logged and the schedule goes on; runs of one timer never overlap (its invocation lock).</li>
 *   <li>{@code runOnStartup} is false and past-due runs never happen: the monitor's record of the last run lives in
 *       the host's storage in Azure, and here in memory, so every start of the local host is a timer's first start
 *       ({@code ScheduleMonitor.CheckPastDueAsync} with no recorded status: not past due).</li>
 * </ul>
 * The trigger metadata is left empty: the extension's one binding data entry, {@code TimerTrigger}, is
 * {@code DateTime.Now.ToString()} in the host's culture, which the model does not know, so a {@code @BindingName} on
 * a timer function is refused at start ({@link BindingResolver}).
 */
final class TimerTriggers implements AutoCloseable {

    static final String SOURCE = "2e7550f72362ee727b3e55703904212f0690c431";

    private static final Logger LOG = Logger.getLogger(TimerTriggers.class.getName());
    /** The smallest wait {@code GetNextTimerInterval} allows: one .NET tick. */
    private static final Duration ONE_TICK = Duration.ofNanos(100);

    private final List<Listener> listeners;

    private TimerTriggers(List<Listener> listeners) {
        this.listeners = listeners;
    }

    static TimerTriggers start(List<FunctionDefinition> functions, FunctionRunner runner, Clock clock) {
        List<Listener> listeners = new ArrayList<>();
        for (FunctionDefinition function : functions) {
            if (function.trigger() instanceof TriggerBinding.Timer timer) {
                Listener listener = new Listener(function, timer, runner, clock);
                listeners.add(listener);
                listener.start();
            }
        }
        return new TimerTriggers(listeners);
    }

    /** Stops every timer; a run in progress finishes first ({@code StopAsync} waits for the invocation lock). */
    @Override
    public void close() {
        listeners.forEach(Listener::stop);
    }

    private static final class Listener {
        private final FunctionDefinition function;
        private final TriggerBinding.Timer timer;
        private final FunctionRunner runner;
        private final Clock clock;
        private final ScheduledThreadPoolExecutor executor;
        private TimerInfoValue.ScheduleStatus status; // touched only by the executor's one thread, after start

        Listener(FunctionDefinition function, TriggerBinding.Timer timer, FunctionRunner runner, Clock clock) {
            this.function = function;
            this.timer = timer;
            this.runner = runner;
            this.clock = clock;
            this.executor = new ScheduledThreadPoolExecutor(1, task -> {
                Thread thread = new Thread(task, "timer-" + function.name());
                thread.setDaemon(true);
                return thread;
            });
            executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // a stopped timer never fires again
        }

        void start() {
            LocalDateTime now = now();
            Optional<LocalDateTime> next = timer.schedule().nextAfter(now);
            LOG.log(Level.INFO, "Timer ''{0}'': {1} (UTC), schedule monitor {2}; next occurrence {3}",
                    new Object[]{function.name(), timer.schedule(), timer.useMonitor() ? "on" : "off",
                            next.map(Object::toString).orElse("never")});
            next.ifPresent(first -> {
                status = TimerInfoValue.ScheduleStatus.initial(first);
                waitForNext();
            });
        }

        private void fire() {
            LocalDateTime invocationTime = now();
            String timerInfo = TimerInfoValue.json(timer.useMonitor() ? status : null, false);
            try {
                runner.run(function, new TypedData.Json(timerInfo), Map.of());
            } catch (RuntimeException e) {
                // TimerListener.HandleTimerEvent: errors never stop the schedule.
                LOG.log(Level.SEVERE, "Error occurred during scheduled invocation for ''" + function.name() + "''", e);
            }
            LocalDateTime adjusted = status.next().isAfter(invocationTime) ? status.next() : invocationTime;
            Optional<LocalDateTime> next = timer.schedule().nextAfter(adjusted);
            if (next.isEmpty()) {
                LOG.log(Level.WARNING, "Timer ''{0}'' has no further occurrence", function.name());
                return;
            }
            status = new TimerInfoValue.ScheduleStatus(adjusted, next.get(), adjusted);
            waitForNext();
        }

        private void waitForNext() {
            Duration wait = Duration.between(now(), status.next());
            if (wait.compareTo(ONE_TICK) < 0) {
                wait = ONE_TICK;
            }
            try {
                executor.schedule(this::fire, wait.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                // stopped while running: no further occurrence
            }
        }

        private LocalDateTime now() {
            return LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        }

        void stop() {
            executor.shutdown();
            try {
                if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                    LOG.log(Level.WARNING, "Timer ''{0}'' did not stop within 30 s", function.name());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
