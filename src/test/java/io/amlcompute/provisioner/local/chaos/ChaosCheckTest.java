package io.amlcompute.provisioner.local.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chaos run's verdict on observations made up here: each way to fall short is named. */
class ChaosCheckTest {

    private static final ChaosPlan PLAN = ChaosPlan.of(20, 4, 42);

    @TempDir
    Path temp;

    @Test
    void findsNothingWrongWhenEveryRequestEndedAsPlanned() throws Exception {
        assertThat(check(perfect())).isEmpty();
    }

    @Test
    void namesARequestWithTwoEventsOrNoneOrTheWrongOutcome() throws Exception {
        Map<String, List<ChaosReport.SeenEvent>> events = perfect().events();
        List<ChaosPlan.Planned> ensures = PLAN.requests().stream()
                .filter(r -> r.kind() == ChaosPlan.Kind.ENSURE).toList();
        events.get(ensures.get(0).requestId()).add(new ChaosReport.SeenEvent(999, "io.amlcompute.compute.ready",
                "created", "{}"));
        events.remove(ensures.get(1).requestId());
        events.put(ensures.get(2).requestId(), new ArrayList<>(List.of(
                new ChaosReport.SeenEvent(1000, "io.amlcompute.compute.ready", "existing", "{}"))));

        assertThat(check(observedWith(events))).hasSize(3)
                .anyMatch(p -> p.startsWith(ensures.get(0).requestId() + " (ENSURE): 2 events"))
                .anyMatch(p -> p.startsWith(ensures.get(1).requestId() + " (ENSURE): 0 events"))
                .anyMatch(p -> p.contains("compute.ready/existing, expected io.amlcompute.compute.ready/created"));
    }

    @Test
    void namesDeadLettersComputesNotExactlyOnceMissingRepliesAndSecrets() throws Exception {
        ChaosReport.Observed perfect = perfect();
        List<String> computes = new ArrayList<>(perfect.computes());
        String twice = computes.get(1);
        String missing = computes.get(2);
        computes.add(twice);
        computes.remove(missing);
        String replySession = perfect.replies().keySet().iterator().next();
        Map<String, List<String>> replies = new HashMap<>(perfect.replies());
        replies.put(replySession, List.of());
        Files.writeString(temp.resolve("stack-0.err"), "INFO event=request.started token dapi-local-demo-token\n");

        List<String> problems = check(new ChaosReport.Observed(perfect.events(), replies,
                List.of("compute-requests m-1 MaxDeliveryCountExceeded"), computes, perfect.statuses()));

        assertThat(problems).contains("dead-lettered: compute-requests m-1 MaxDeliveryCountExceeded",
                "compute " + twice + " listed 2 times, expected once",
                "compute " + missing + " listed 0 times, expected once",
                "a secret in stack-0.err: dapi…")
                .anyMatch(p -> p.endsWith(": 0 replies on its session, expected 1"));
    }

    @Test
    void countsTheRequestsStartedAndNotCompletedInTheLogsSoFar() throws Exception {
        Path first = Files.writeString(temp.resolve("a.err"), """
                2026-12-04T10:00:00.000Z INFO event=request.started requestId=r1 correlationId=c action=ensure
                2026-12-04T10:00:00.000Z INFO event=request.started requestId=r2 correlationId=c action=ensure
                2026-12-04T10:00:01.000Z INFO event=request.completed requestId=r1 correlationId=c eventType=x
                """);
        Path second = Files.writeString(temp.resolve("b.err"), """
                2026-12-04T10:00:02.000Z INFO event=request.started requestId=r3 correlationId=c action=attach
                """);

        assertThat(ChaosCheck.inFlight(List.of(first))).isEqualTo(1);
        assertThat(ChaosCheck.inFlight(List.of(first, second))).isEqualTo(2);
    }

    private List<String> check(ChaosReport.Observed observed) throws Exception {
        Path err = temp.resolve("stack-0.err");
        if (!Files.exists(err)) {
            Files.writeString(err, "INFO event=request.started requestId=x\n");
        }
        return ChaosCheck.check(PLAN, observed, List.of(err), List.of(1), 2, true, Duration.ofSeconds(1),
                Duration.ofSeconds(2)).problems();
    }

    private static ChaosReport.Observed observedWith(Map<String, List<ChaosReport.SeenEvent>> events) {
        ChaosReport.Observed perfect = perfect();
        return new ChaosReport.Observed(events, perfect.replies(), List.of(), perfect.computes(), perfect.statuses());
    }

    /** What a run that went right would observe for PLAN. */
    private static ChaosReport.Observed perfect() {
        Map<String, List<ChaosReport.SeenEvent>> events = new HashMap<>();
        Map<String, List<String>> replies = new HashMap<>();
        List<String> computes = new ArrayList<>(List.of("demo-cluster"));
        Map<String, String> statuses = new HashMap<>();
        long sequence = 1;
        for (ChaosPlan.Planned request : PLAN.requests()) {
            events.put(request.requestId(), new ArrayList<>(List.of(new ChaosReport.SeenEvent(sequence++,
                    request.kind().eventType, request.kind().outcome, "{\"requestId\":\"" + request.requestId()
                    + "\"}"))));
            statuses.put(request.requestId(), request.kind() == ChaosPlan.Kind.INVALID ? "404" : "COMPLETED");
            if (request.replySession() != null) {
                replies.put(request.replySession(), List.of("{}"));
            }
            if (request.computeName() != null) {
                computes.add(request.computeName());
            }
        }
        return new ChaosReport.Observed(events, replies, List.of(), computes, statuses);
    }
}
