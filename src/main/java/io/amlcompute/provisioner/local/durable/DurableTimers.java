package io.amlcompute.provisioner.local.durable;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Fires durable timers on the injected clock. A timer is a TimerFired message that stays invisible until the clock
 * reaches its fireAt (a scheduled start works the same way); this watcher wakes the dispatcher whenever the clock
 * has passed the next such moment. Which timers a turn delivers, and in which order, is decided when the turn is
 * built: only those with fireAt at or before the clock, in fireAt order.
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
        // Everything visible up to here has been offered; a message that becomes visible later is newer than this.
        // Messages made visible "in the past" are offered by the write that created them, which wakes the dispatcher.
        Instant announcedUpTo = Instant.EPOCH;
        while (running) {
            try {
                Instant now = clock.instant();
                Optional<Instant> next = queue.earliestReadyAfter(announcedUpTo);
                if (next.isPresent() && !next.get().isAfter(now)) {
                    announcedUpTo = now;
                    wakeDispatcher.run();
                    continue;
                }
                long sleepMillis = next.map(due -> Duration.between(now, due))
                        .filter(untilDue -> untilDue.compareTo(POLL) < 0)
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
