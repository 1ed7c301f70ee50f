package io.amlcompute.provisioner.local.durable;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Fires durable timers on the injected clock. A timer is a TimerFired message that stays invisible until the clock
 * has passed its fireAt (a scheduled start works the same way); this watcher wakes the dispatcher whenever the
 * clock passes the next such moment. Which timers a turn delivers, and in which order, is decided when the turn is
 * built: those whose fireAt the clock has passed, in fireAt order.
 *
 * <p>"Passed" means the clock's millisecond is after fireAt's: a ManualClock advanced by exactly the timer's
 * duration does not fire it, one more millisecond does. Firing at fireAt itself would stamp the turn at fireAt, which
 * makes 1.4.0 arm the timer again; stamping it later instead would push every later timer's fireAt off the clock.
 *
 * <p>The clock is polled because a test's {@code ManualClock} moves without telling anyone; with the system clock
 * the watcher sleeps until the next fireAt, so timers fire on time.
 */
final class DurableTimers implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(DurableTimers.class.getName());
    private static final Duration POLL = Duration.ofMillis(20);

    private final WorkQueue queue;
    private final Clock clock;
    private final Runnable wakeDispatcher;
    private final Thread thread;
    private volatile boolean running = true;

    DurableTimers(WorkQueue queue, Clock clock, Runnable wakeDispatcher) {
        this.queue = queue;
        this.clock = clock;
        this.wakeDispatcher = wakeDispatcher;
        this.thread = new Thread(this::watch, "durable-timers");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void watch() {
        // Every message with readyAt at or before this has been offered to the dispatcher. One that is created later
        // with an earlier readyAt is offered by the write that created it, which wakes the dispatcher itself.
        Instant offeredUpTo = Instant.EPOCH;
        while (running) {
            try {
                Instant now = HistoryEvents.millis(clock.instant());
                Optional<Instant> next = queue.earliestReadyAfter(offeredUpTo);
                if (next.isPresent() && next.get().isBefore(now)) {
                    offeredUpTo = now.minusMillis(1);
                    wakeDispatcher.run();
                    continue;
                }
                long sleepMillis = next.map(due -> Duration.between(now, due).plusMillis(1))
                        .filter(untilPassed -> untilPassed.compareTo(POLL) < 0)
                        .orElse(POLL)
                        .toMillis();
                Thread.sleep(Math.max(1, sleepMillis));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.log(Level.WARNING, "durable timer check failed; retrying", e);
                sleepQuietly();
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
