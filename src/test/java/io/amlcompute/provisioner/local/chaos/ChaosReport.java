package io.amlcompute.provisioner.local.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one chaos run did and every way it fell short ({@link #problems()} empty: exactly one right event per
 * request, one reply per asked reply, no dead letter, every compute once, no secret in any output).
 * {@code doneAfter}: from the first message sent until every request was done, kills and restarts included;
 * {@code elapsed}: the whole run, the first start and reading everything back included.
 */
record ChaosReport(int requests, int messages, List<Integer> inFlightAtKills, int stackStarts, int events,
                   int replies, int computes, Duration doneAfter, Duration elapsed, List<String> problems) {

    ChaosReport {
        inFlightAtKills = List.copyOf(inFlightAtKills);
        problems = List.copyOf(problems);
    }

    int kills() {
        return inFlightAtKills.size();
    }

    /**
     * What a producer and a consumer saw once the last stack had finished.
     *
     * @param events      every event message on the catch-all subscription, by request id
     * @param replies     the bodies on each asked reply session
     * @param deadLetters one line per dead-lettered message (entity, MessageId, reason)
     * @param computes    the names ARM lists in the workspace, as listed (a name twice would show twice)
     * @param statuses    the status API's runtimeStatus per request id ({@code 404} when it knows none)
     */
    record Observed(Map<String, List<SeenEvent>> events, Map<String, List<String>> replies, List<String> deadLetters,
                    List<String> computes, Map<String, String> statuses) {
    }

    /** One event message: its sequence number on the subscription, its type and outcome, its body as received. */
    record SeenEvent(long sequenceNumber, String type, String outcome, String body) {
    }

    String summary() {
        return ("%d requests in %d messages, %d kills (%d stack starts; requests in flight at each kill: %s), %d events,"
                + " %d replies, %d computes, all done after %.1f s, %.1f s in all, %s")
                .formatted(requests, messages, kills(), stackStarts, inFlightAtKills, events, replies, computes,
                        doneAfter.toMillis() / 1000.0, elapsed.toMillis() / 1000.0,
                        problems.isEmpty() ? "no problem" : problems.size() + " problems");
    }
}
