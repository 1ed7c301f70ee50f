package io.amlcompute.provisioner.cli;

import java.io.PrintWriter;
import java.util.Optional;

/**
 * How {@code send --wait} and {@code wait} end: the event on stdout and the exit status it means for what was
 * awaited, or a timeout note.
 */
final class EventOutput {

    private EventOutput() {
    }

    /**
     * @param retry the command that would go on waiting, for the timeout note
     * @return the exit code
     */
    static int print(Optional<ReceivedEvent> event, AwaitedEvent awaited, PrintWriter out, PrintWriter err,
                     String command, String retry) {
        if (event.isEmpty()) {
            err.println(command + ": no " + awaited.describe() + " yet; the request may still be running."
                    + " Wait again with: " + retry);
            err.flush();
            return ExitStatus.WAIT_TIMED_OUT.code();
        }
        out.println(event.get().toJsonLine());
        out.flush();
        err.println(command + ": " + awaited.summary(event.get()));
        err.flush();
        return awaited.exitStatus(event.get()).code();
    }

    /** {@code io.amlcompute.compute.ready} → {@code ready}. */
    static String shortType(String type) {
        if (type == null) {
            return "with an event without type";
        }
        int dot = type.lastIndexOf('.');
        return dot < 0 ? type : type.substring(dot + 1);
    }
}
