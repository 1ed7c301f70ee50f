package io.amlcompute.provisioner.cli;

import io.amlcompute.provisioner.contract.event.EventType;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The exit codes of every {@code computectl} command: the CLI's contract with scripts. A code is never reused
 * for another meaning.
 */
enum ExitStatus {
    /**
     * Valid, sent, or the request ended ready, deleted or detached; a renew, release or cancel was carried out; a
     * lease ended as it should; the status API found the request.
     */
    SUCCESS(0, "success: valid, sent, the compute is ready, deleted or detached, or the renew, release or cancel"
            + " was carried out"),
    /**
     * Invalid input, or the request ended failed, timedout (the app's deadline), rejected or cancelled; a control
     * request was rejected; a lease's expiry action failed.
     */
    FAILED(1, "invalid request, or the request ended failed, timedout, rejected or cancelled, or a renew, release"
            + " or cancel was rejected"),
    /** The CLI's own wait ran out (--timeout) before the event arrived. */
    WAIT_TIMED_OUT(2, "no event before --timeout ran out (the request may still be running)"),
    /** The status API does not know the request id. */
    NOT_FOUND(3, "status: the request id is unknown to the status API"),
    /** Service Bus, ARM or the status API could not be reached, refused the credentials, or failed. */
    UNAVAILABLE(4, "Service Bus, ARM or the status API could not be reached or refused the call"),
    /** Bad options, arguments or settings. */
    USAGE(64, "bad options, arguments or settings");

    private final int code;
    private final String meaning;

    ExitStatus(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    int code() {
        return code;
    }

    /**
     * The exit status of a request that ended with this event, as {@code apply} reports it: ready, deleted and
     * detached succeed; failed, timedout, rejected and cancelled fail, and so does a type this CLI does not know (it
     * cannot vouch for it). What ends a wait for a control request's answer, and what that means, is
     * {@link AwaitedEvent}'s to say.
     */
    static ExitStatus forEventType(String wireType) {
        return Arrays.stream(EventType.values()).filter(t -> t.wireName().equals(wireType)).findFirst()
                .map(t -> switch (t) {
                    case READY, DELETED, DETACHED -> SUCCESS;
                    default -> FAILED;
                })
                .orElse(FAILED);
    }

    /** Picocli's exit code list for a command's help: code to meaning, in order. */
    static Map<String, String> helpList(List<ExitStatus> statuses) {
        Map<String, String> list = new LinkedHashMap<>();
        statuses.forEach(s -> list.put(String.format("%3d", s.code), s.meaning));
        return list;
    }
}
