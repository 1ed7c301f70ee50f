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
    /** Valid, sent, or the request ended ready, deleted or detached; the status API found the request. */
    SUCCESS(0, "success: valid, sent, or the compute is ready, deleted or detached"),
    /** Invalid input, or the request ended failed, timedout (the app's deadline) or rejected. */
    FAILED(1, "invalid request, or the request ended failed, timedout or rejected"),
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
     * The exit status for an event: ready, deleted, detached and the answers to renew, release and cancel (a
     * cancelled request) succeed; failed, timedout and rejected fail, and so does a type this CLI does not know (it
     * cannot vouch for it).
     */
    static ExitStatus forEventType(String wireType) {
        return Arrays.stream(EventType.values()).filter(t -> t.wireName().equals(wireType)).findFirst()
                .map(t -> switch (t) {
                    case READY, DELETED, DETACHED, CANCELLED, LEASE_RENEWED, LEASE_RELEASED, LEASE_EXPIRING,
                         LEASE_EXPIRED -> SUCCESS;
                    case FAILED, TIMED_OUT, REJECTED -> FAILED;
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
