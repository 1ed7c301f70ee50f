package io.amlcompute.provisioner.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Something {@code local} and {@code host} run in the foreground: it is stopped exactly once, by the shutdown hook
 * when Ctrl-C ends the JVM (which then never returns to the command), or by the command when it returns first.
 */
final class Foreground {

    private final Runnable stop;
    private final Thread hook;

    private Foreground(Runnable stop, String threadName) {
        this.stop = stop;
        this.hook = new Thread(stop, threadName);
    }

    /** Registers {@code stop} to run when the JVM shuts down, until {@link #stopNow()}. */
    static Foreground stoppedOnExit(Runnable stop, String threadName) {
        Foreground foreground = new Foreground(stop, threadName);
        Runtime.getRuntime().addShutdownHook(foreground.hook);
        return foreground;
    }

    /** Blocks for {@code stopAfter}, or until interrupted when it is null (Ctrl-C ends the JVM instead). */
    static void await(Duration stopAfter) throws InterruptedException {
        if (stopAfter != null) {
            Thread.sleep(stopAfter.toMillis());
        } else {
            new CountDownLatch(1).await();
        }
    }

    /** Stops it here, unless the JVM is already shutting down: then the hook does. */
    void stopNow() {
        boolean removed;
        try {
            removed = Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            removed = false;
        }
        if (removed) {
            stop.run();
        }
    }
}
