package io.amlcompute.provisioner.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.contract.Json;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What a waiter says on stderr while it waits for one request's event. Service Bus carries no progress, so when
 * the waiter knows the status API it reads it every {@link #READ_EVERY} and prints a line whenever the view
 * changes; a failing status API costs one line and never the wait. Every minute it says that it still waits,
 * and without a status API the first such line says how to see progress. Called at the start of the wait and
 * after every receive slice, so it reads no more often than the slices allow.
 */
final class WaitProgress {

    static final Duration READ_EVERY = Duration.ofSeconds(10);
    static final Duration STILL_WAITING_EVERY = Duration.ofMinutes(1);
    static final String HINT = "add --status-url BASE (the function app) to see progress";

    /** Where a wait's progress comes from. */
    sealed interface Source {
        /** The status API: read while waiting. */
        record StatusApi(StatusClient client) implements Source {
            public StatusApi {
                Objects.requireNonNull(client, "client");
            }
        }

        /** No progress; {@code hint} (when not null) goes once on the first "still waiting" line. */
        record None(String hint) implements Source {
        }
    }

    private final PrintWriter err;
    private final Clock clock;
    private final Source source;
    private final String requestId;
    private Duration nextRead = Duration.ZERO;
    private Duration nextStillWaiting = STILL_WAITING_EVERY;
    private boolean hinted;
    private StatusView lastView;
    private String lastProblem;

    /** @param requestId null when the wait takes any request's event (then there is no progress to read) */
    WaitProgress(PrintWriter err, Clock clock, Source source, String requestId) {
        this.err = Objects.requireNonNull(err, "err");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.source = Objects.requireNonNull(source, "source");
        this.requestId = requestId;
    }

    /** Reports what is due {@code soFar} into the wait with {@code left} to go. */
    void reportIfDue(Duration soFar, Duration left) throws InterruptedException {
        if (source instanceof Source.StatusApi api && requestId != null && soFar.compareTo(nextRead) >= 0) {
            read(api.client());
            nextRead = soFar.plus(READ_EVERY);
        }
        if (soFar.compareTo(nextStillWaiting) >= 0 && !left.isNegative() && !left.isZero()) {
            String hint = source instanceof Source.None none && none.hint() != null && !hinted ? "; " + none.hint() : "";
            hinted = true;
            say("still waiting (" + Durations.human(soFar) + " so far, " + Durations.human(left) + " left)" + hint);
            nextStillWaiting = soFar.plus(STILL_WAITING_EVERY);
        }
    }

    private void read(StatusClient client) throws InterruptedException {
        StatusClient.Answer answer;
        try {
            answer = client.get(requestId);
        } catch (IOException | RuntimeException e) {
            problem("cannot reach the status API: " + Failures.describe(e));
            return;
        }
        JsonNode body = answer.status() == 200 ? parse(answer.body()) : null;
        if (answer.status() != 200 || body == null || !body.isObject()) {
            problem(switch (answer.status()) {
                case 200 -> "the status API answered without a JSON object";
                case 404 -> "the status API does not know " + requestId + " yet";
                case 401, 403 -> "the function key was refused (HTTP " + answer.status() + "); set --key or "
                        + StatusCommand.KEY_VARIABLE;
                default -> "the status API answered HTTP " + answer.status();
            });
            return;
        }
        lastProblem = null;
        StatusView view = StatusView.of(body);
        if (!view.equals(lastView)) {
            lastView = view;
            say("progress of " + requestId + ": " + view.describe(clock.instant()));
        }
    }

    /** One line per distinct problem in a row: a status API that stays down is said once. */
    private void problem(String reason) {
        lastView = null; // once the API answers again, its view is news
        if (!reason.equals(lastProblem)) {
            lastProblem = reason;
            say("progress unavailable (" + reason + "); still waiting for the event");
        }
    }

    private void say(String line) {
        err.println("computectl: " + line);
        err.flush();
    }

    private static JsonNode parse(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }
}
