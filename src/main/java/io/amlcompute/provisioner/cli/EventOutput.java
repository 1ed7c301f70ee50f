package io.amlcompute.provisioner.cli;

import java.io.PrintWriter;
import java.util.Optional;

/** How {@code send --wait} and {@code wait} end: the event on stdout and its exit status, or a timeout note. */
final class EventOutput {

    private EventOutput() {
    }

    /**
     * @param retry the command that would go on waiting, for the timeout note
     * @return the exit code
     */
    static int print(Optional<ReceivedEvent> event, PrintWriter out, PrintWriter err, String command,
                     String requestId, String retry) {
        if (event.isEmpty()) {
            err.println(command + ": no completion event for " + requestId + " yet; the request may still be running."
                    + " Wait again with: " + retry);
            err.flush();
            return ExitStatus.WAIT_TIMED_OUT.code();
        }
        out.println(event.get().toJsonLine());
        out.flush();
        err.println(command + ": " + requestId + " ended " + shortType(event.get().type()));
        err.flush();
        return event.get().exitStatus().code();
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
