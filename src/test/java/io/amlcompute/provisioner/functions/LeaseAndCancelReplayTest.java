package io.amlcompute.provisioner.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationStatus;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorAction;
import io.amlcompute.provisioner.contract.Action;
import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.contract.event.Outcome;
import io.amlcompute.provisioner.contract.validation.MessageEnvelope;
import io.amlcompute.provisioner.contract.validation.ParseResult;
import io.amlcompute.provisioner.contract.validation.RequestDefaults;
import io.amlcompute.provisioner.contract.validation.RequestParser;
import io.amlcompute.provisioner.contract.validation.RequestWriter;
import io.amlcompute.provisioner.contract.validation.Samples;
import io.amlcompute.provisioner.provisioning.ActionResult;
import io.amlcompute.provisioner.provisioning.CleanUp;
import io.amlcompute.provisioner.provisioning.LeaseHolder;
import io.amlcompute.provisioner.provisioning.ProvisioningInput;
import io.amlcompute.provisioner.provisioning.ReplyAddress;
import io.amlcompute.provisioner.provisioning.Signal;
import io.amlcompute.provisioner.provisioning.StatusRead;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Leases and cancels through the real orchestrator and durabletask 1.4.0's replay engine (issue 19): the warning
 * and the one expiry, renewals (duplicates included) and a release reaching the orchestration as external events,
 * continue-as-new keeping each execution's history small over a long lease, the wait for other holders, ARM
 * throttling at expiry, and a cancel that removes what the request created.
 */
class LeaseAndCancelReplayTest {

    private static final Instant START = Instant.parse("2026-12-04T10:00:00Z");
    private static final ComputeStatus STEADY = new ComputeStatus("Succeeded", "Steady", null, List.of());
    private static final ComputeStatus DELETING = new ComputeStatus("Deleting", null, null, List.of());
    private static final ProvisioningInput.LeaseTerms TERMS =
            new ProvisioningInput.LeaseTerms(Duration.ofDays(7), Duration.ofMinutes(15));

    private final List<JsonNode> published = new ArrayList<>();
    private final List<CleanUp> cleanUps = new ArrayList<>();

    @Test
    void aLeaseWarnsBeforeItsEndThenDeletesTheComputeItCreatedAndEndsWithOneExpiredEvent() throws Exception {
        ComputeRequest request = leased();
        ReplayDriver driver = driver(request, (name, in) -> null);

        OrchestratorAction end = driver.run(input(request));

        assertThat(types()).containsExactly("io.amlcompute.compute.ready", "io.amlcompute.lease.expiring",
                "io.amlcompute.lease.expired");
        Instant expiresAt = Instant.parse(published.get(0).path("data").path("lease").path("expiresAt").asText());
        assertThat(Duration.between(Instant.parse(published.get(0).path("time").asText()), expiresAt))
                .isEqualTo(Duration.ofHours(4));
        assertThat(Instant.parse(published.get(1).path("time").asText()))
                .isBetween(expiresAt.minus(Duration.ofMinutes(15)), expiresAt.minus(Duration.ofMinutes(14)));
        JsonNode expired = published.get(2);
        assertThat(expired.path("data").path("requestId").asText()).isEqualTo(request.requestId());
        assertThat(expired.path("data").path("lease").path("result").asText()).isEqualTo("deleted");
        assertThat(Instant.parse(expired.path("time").asText())).isAfterOrEqualTo(expiresAt);
        assertThat(cleanUps).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(CleanUp.Kind.DELETE);
            assertThat(c.creatorRequestId()).isEqualTo(request.requestId());
        });
        assertThat(end.getCompleteOrchestration().getOrchestrationStatus())
                .isEqualTo(OrchestrationStatus.ORCHESTRATION_STATUS_COMPLETED);
        JsonNode output = Json.MAPPER.readTree(end.getCompleteOrchestration().getResult().getValue());
        assertThat(output.path("type").asText()).as("the output stays the request's ready event")
                .isEqualTo("io.amlcompute.compute.ready");
        assertThat(driver.executions()).as("each wake of the lease continues as new").isGreaterThan(1);
        JsonNode last = Json.MAPPER.readTree(driver.customStatuses.get(driver.customStatuses.size() - 1));
        assertThat(last.path("lease").path("state").asText()).isEqualTo("ENDED");
        assertThat(last.path("lease").path("result").asText()).isEqualTo("deleted");
    }

    @Test
    void anInstancesLeaseEndsWithAStopAndReadsUntilTheInstanceIsStopped() throws Exception {
        ComputeRequest request = parsed("ensure-computeinstance-lease.json");
        List<StatusRead> reads = new ArrayList<>(List.of(new StatusRead.Found(instance("Stopping")),
                new StatusRead.Found(instance("Stopped"))));
        ReplayDriver driver = driver(request, (name, in) -> switch (name) {
            case CleanUpCompute.NAME -> new ActionResult.Done(Outcome.STOPPED, List.of(), instance("Stopping"));
            case ReadComputeStatus.NAME -> reads.size() > 1 ? reads.remove(0) : reads.get(0);
            default -> null;
        }, new ActionResult.Done(Outcome.CREATED, List.of(), instance("Running")));

        OrchestratorAction end = driver.run(input(request));

        assertThat(types()).containsExactly("io.amlcompute.compute.ready", "io.amlcompute.lease.expiring",
                "io.amlcompute.lease.expired");
        assertThat(published.get(0).at("/data/status/instance/state").asText()).isEqualTo("Running");
        Instant expiresAt = Instant.parse(published.get(0).at("/data/lease/expiresAt").asText());
        assertThat(Duration.between(Instant.parse(published.get(0).path("time").asText()), expiresAt))
                .isEqualTo(Duration.ofHours(8));
        JsonNode expired = published.get(2);
        assertThat(expired.at("/data/lease/onExpiry").asText()).isEqualTo("stop");
        assertThat(expired.at("/data/lease/result").asText()).isEqualTo("stopped");
        assertThat(expired.at("/data/status/instance/state").asText()).isEqualTo("Stopped");
        assertThat(cleanUps).singleElement().satisfies(c -> assertThat(c.kind()).isEqualTo(CleanUp.Kind.STOP));
        assertThat(reads).as("read until Stopped").hasSize(1);
        assertThat(end.getCompleteOrchestration().getOrchestrationStatus())
                .isEqualTo(OrchestrationStatus.ORCHESTRATION_STATUS_COMPLETED);
    }

    @Test
    void aRenewalMovesTheExpiryOnceHoweverOftenItIsDeliveredAndIsAnsweredOnce() throws Exception {
        ComputeRequest request = leased();
        Signal renew = new Signal(Action.RENEW, "renew-1", "run-1", Duration.ofHours(2), "compute-replies", "s-renew");
        ReplayDriver driver = driver(request, (name, in) -> null)
                .raiseAt(START.plus(Duration.ofHours(1)), Signal.EVENT, Json.MAPPER.valueToTree(renew))
                .raiseAt(START.plus(Duration.ofHours(1)).plusSeconds(30), Signal.EVENT, Json.MAPPER.valueToTree(renew))
                .raiseAt(START.plus(Duration.ofHours(2)), Signal.EVENT, Json.MAPPER.valueToTree(renew));

        driver.run(input(request));

        assertThat(types()).containsExactly("io.amlcompute.compute.ready", "io.amlcompute.lease.renewed",
                "io.amlcompute.lease.expiring", "io.amlcompute.lease.expired");
        Instant firstExpiry = Instant.parse(published.get(0).path("data").path("lease").path("expiresAt").asText());
        JsonNode renewed = published.get(1);
        assertThat(renewed.path("data").path("requestId").asText()).isEqualTo("renew-1");
        assertThat(Instant.parse(renewed.path("data").path("lease").path("expiresAt").asText()))
                .isEqualTo(firstExpiry.plus(Duration.ofHours(2)));
        assertThat(Instant.parse(published.get(3).path("data").path("lease").path("expiresAt").asText()))
                .isEqualTo(firstExpiry.plus(Duration.ofHours(2)));
        assertThat(driver.customStatuses).anySatisfy(status ->
                assertThat(Json.MAPPER.readTree(status).path("answered").toString()).contains("renew-1"));
    }

    @Test
    void aRenewalBeyondTheCapIsRejectedAndTheLeaseKeepsItsExpiry() throws Exception {
        ComputeRequest request = leased();
        Signal renew = new Signal(Action.RENEW, "renew-long", "run-1", Duration.ofDays(7), null, null);
        ReplayDriver driver = driver(request, (name, in) -> null)
                .raiseAt(START.plus(Duration.ofHours(1)), Signal.EVENT, Json.MAPPER.valueToTree(renew));

        driver.run(input(request));

        assertThat(types()).containsExactly("io.amlcompute.compute.ready", "io.amlcompute.request.rejected",
                "io.amlcompute.lease.expiring", "io.amlcompute.lease.expired");
        assertThat(published.get(1).path("data").path("errors").get(0).path("code").asText())
                .isEqualTo("POLICY_LEASE_TOO_LONG");
        assertThat(published.get(1).path("data").path("errors").get(0).path("path").asText()).isEqualTo("$.extendBy");
        assertThat(published.get(3).path("data").path("lease").path("expiresAt").asText())
                .isEqualTo(published.get(0).path("data").path("lease").path("expiresAt").asText());
    }

    @Test
    void aReleaseIsAnsweredAndTheLeaseEndsAtOnce() throws Exception {
        ComputeRequest request = leased();
        Signal release = new Signal(Action.RELEASE, "release-1", "run-1", null, null, null);
        Instant releasedAt = START.plus(Duration.ofMinutes(30));
        ReplayDriver driver = driver(request, (name, in) -> null)
                .raiseAt(releasedAt, Signal.EVENT, Json.MAPPER.valueToTree(release));

        driver.run(input(request));

        assertThat(types()).containsExactly("io.amlcompute.compute.ready", "io.amlcompute.lease.released",
                "io.amlcompute.lease.expired");
        assertThat(Instant.parse(published.get(2).path("time").asText())).isBefore(releasedAt.plus(Duration.ofMinutes(5)));
        assertThat(Instant.parse(published.get(2).path("data").path("lease").path("expiresAt").asText()))
                .isEqualTo(releasedAt);
    }

    @Test
    void anExpiredLeaseWaitsForTheOtherLiveLeaseOnItsComputeBeforeItDeletesIt() throws Exception {
        ComputeRequest request = leased();
        Instant otherEnds = START.plus(Duration.ofHours(6));
        List<Instant> queriedAt = new ArrayList<>();
        ReplayDriver[] holder = new ReplayDriver[1];
        holder[0] = driver(request, (name, in) -> {
            if (name.equals(FindLeaseHolders.NAME)) {
                queriedAt.add(holder[0].now());
                return new FindLeaseHolders.Holders(holder[0].now().isBefore(otherEnds)
                        ? List.of(new LeaseHolder("other-lease", otherEnds)) : List.of());
            }
            return null;
        });

        holder[0].run(input(request));

        assertThat(types()).containsExactly("io.amlcompute.compute.ready", "io.amlcompute.lease.expiring",
                "io.amlcompute.lease.expired");
        assertThat(Instant.parse(published.get(2).path("time").asText())).isAfter(otherEnds);
        assertThat(queriedAt).hasSizeGreaterThan(1);
        assertThat(cleanUps).as("nothing touched the compute while the other lease held it").hasSize(1);
        assertThat(holder[0].customStatuses).anySatisfy(status -> assertThat(Json.MAPPER.readTree(status)
                .path("lease").path("heldBy").toString()).contains("other-lease"));
    }

    @Test
    void throttlingAtExpiryIsWaitedOutAndStillEndsInOneExpiredEvent() throws Exception {
        ComputeRequest request = leased();
        int[] attempts = {0};
        ReplayDriver driver = driver(request, (name, in) -> {
            if (name.equals(CleanUpCompute.NAME) && attempts[0]++ < 2) {
                return new ActionResult.Wait(ActionResult.WaitReason.THROTTLED, "TooManyRequests", "slow down",
                        Duration.ofSeconds(90));
            }
            return null;
        });

        driver.run(input(request));

        assertThat(types()).containsExactly("io.amlcompute.compute.ready", "io.amlcompute.lease.expiring",
                "io.amlcompute.lease.expired");
        assertThat(published.get(2).path("data").path("lease").path("result").asText()).isEqualTo("deleted");
        assertThat(cleanUps).hasSize(3);
    }

    @Test
    void aWeekLongLeaseKeepsEveryExecutionsHistorySmall() throws Exception {
        ComputeRequest request = leased(Duration.ofDays(7));
        ReplayDriver driver = driver(request, (name, in) -> null);
        for (int day = 1; day <= 6; day++) {
            Signal renew = new Signal(Action.RENEW, "renew-day-" + day, "run-1", Duration.ofHours(1), null, null);
            driver.raiseAt(START.plus(Duration.ofDays(day)), Signal.EVENT, Json.MAPPER.valueToTree(renew));
        }

        driver.run(input(request));

        assertThat(types()).filteredOn(t -> t.equals("io.amlcompute.lease.renewed")).hasSize(6);
        assertThat(types()).filteredOn(t -> t.equals("io.amlcompute.lease.expired")).hasSize(1);
        assertThat(driver.executions()).isGreaterThan(8);
        // The provisioning execution holds the ready event's publishing; every later one holds a single wake.
        assertThat(driver.executionHistoryBytes.subList(1, driver.executionHistoryBytes.size()))
                .allSatisfy(bytes -> assertThat(bytes).isLessThan(20_000L));
    }

    @Test
    void aCancelWhileWaitingDeletesWhatTheRequestCreatedAndAnswersBothRequesters() throws Exception {
        ComputeRequest request = leased();
        Signal cancel = new Signal(Action.CANCEL, "cancel-1", "run-1", null, "compute-replies", "s-cancel");
        List<String> replies = new ArrayList<>();
        ReplayDriver driver = driver(request, (name, in) -> switch (name) {
            case ReadComputeStatus.NAME -> new StatusRead.Found(new ComputeStatus("Creating", null, null, List.of()));
            case PublishReply.NAME -> {
                replies.add(in);
                yield "replied";
            }
            default -> null;
        }, new ActionResult.Done(Outcome.CREATED, List.of(), new ComputeStatus("Creating", null, null, List.of())))
                .raiseAt(START.plusSeconds(20), Signal.EVENT, Json.MAPPER.valueToTree(cancel));

        OrchestratorAction end = driver.run(new ProvisioningInput(RequestWriter.toJson(request), "compute-replies",
                "s-owner", TERMS.maxLease().toString(), TERMS.warning().toString(), null));

        assertThat(types()).containsExactly("io.amlcompute.compute.cancelled");
        JsonNode cancelled = published.get(0);
        assertThat(cancelled.path("data").path("outcome").asText()).isEqualTo("cancelled");
        assertThat(cancelled.path("data").path("errors").get(0).path("message").asText())
                .contains("cancel-1").contains("deleted");
        assertThat(cleanUps).singleElement().satisfies(c -> assertThat(c.kind()).isEqualTo(CleanUp.Kind.DELETE));
        assertThat(replies).extracting(r -> Json.MAPPER.readTree(r).path("replySessionId").asText())
                .containsExactlyInAnyOrder("s-owner", "s-cancel");
        assertThat(Json.MAPPER.readTree(end.getCompleteOrchestration().getResult().getValue()).path("type").asText())
                .isEqualTo("io.amlcompute.compute.cancelled");
        assertThat(Json.MAPPER.readTree(driver.customStatuses.get(driver.customStatuses.size() - 1))
                .path("answered").toString()).contains("cancel-1");
    }

    @Test
    void controlRequestsBeforeReadyAreRejectedAndOneAfterTheEndIsToldHowItEnded() throws Exception {
        ComputeRequest request = parsed("ensure-amlcompute.json");
        Signal early = new Signal(Action.RENEW, "renew-early", "run-1", Duration.ofHours(1), null, null);
        Signal late = new Signal(Action.CANCEL, "cancel-late", "run-1", null, null, null);
        int[] reads = {0};
        ReplayDriver driver = driver(request, (name, in) -> name.equals(ReadComputeStatus.NAME)
                        ? new StatusRead.Found(reads[0]++ < 3 ? new ComputeStatus("Creating", null, null, List.of()) : STEADY)
                        : null,
                new ActionResult.Done(Outcome.CREATED, List.of(), new ComputeStatus("Creating", null, null, List.of())))
                .raiseAt(START.plusSeconds(10), Signal.EVENT, Json.MAPPER.valueToTree(early));
        // Arrives while the ready event is being published: taken from the buffer before the orchestration ends.
        driver.raiseAt(START.plus(Duration.ofHours(1)), Signal.EVENT, Json.MAPPER.valueToTree(late));

        driver.run(new ProvisioningInput(RequestWriter.toJson(request), null, null));

        assertThat(types()).startsWith("io.amlcompute.request.rejected").contains("io.amlcompute.compute.ready");
        assertThat(published.get(0).path("data").path("errors").get(0).path("code").asText()).isEqualTo("NO_LEASE");
        assertThat(published).filteredOn(e -> e.path("data").path("requestId").asText().equals("cancel-late"))
                .allSatisfy(e -> assertThat(e.path("data").path("errors").get(0).path("code").asText())
                        .isEqualTo("REQUEST_ENDED"));
    }

    private ReplayDriver driver(ComputeRequest request, BiFunction<String, String, Object> overrides) {
        return driver(request, overrides, new ActionResult.Done(Outcome.CREATED, List.of(), STEADY));
    }

    /** Activities answer as ARM would for a compute this request created; {@code overrides} answers first. */
    private ReplayDriver driver(ComputeRequest request, BiFunction<String, String, Object> overrides,
                                ActionResult action) {
        return new ReplayDriver(request.requestId(), START, (name, in) -> {
            if (name.equals(CleanUpCompute.NAME)) {
                cleanUps.add(read(in, CleanUp.class));
            }
            Object answer = overrides.apply(name, in);
            if (answer != null) {
                return answer;
            }
            return switch (name) {
                case PerformComputeAction.NAME -> action;
                case ReadComputeStatus.NAME -> new StatusRead.Missing();
                case FindLeaseHolders.NAME -> new FindLeaseHolders.Holders(List.of());
                case CleanUpCompute.NAME -> new ActionResult.Done(Outcome.DELETED, List.of(), DELETING);
                case PublishCompletion.NAME -> {
                    published.add(read(in, JsonNode.class).path("event"));
                    yield "published";
                }
                case PublishReply.NAME -> "replied";
                default -> throw new AssertionError("unexpected activity " + name);
            };
        });
    }

    private static ComputeStatus instance(String state) {
        return new ComputeStatus("Succeeded", null, null, List.of(),
                new io.amlcompute.provisioner.contract.InstanceStatus(state, null, null, List.of(), null));
    }

    private List<String> types() {
        return published.stream().map(e -> e.path("type").asText()).toList();
    }

    private static ProvisioningInput input(ComputeRequest request) {
        return ProvisioningInput.of(RequestWriter.toJson(request), (ReplyAddress) null, TERMS);
    }

    private static ComputeRequest leased() {
        return parsed("ensure-amlcompute-lease.json");
    }

    private static ComputeRequest leased(Duration duration) {
        String body = Samples.text("ensure-amlcompute-lease.json").replace("\"PT4H\"", "\"" + duration + "\"");
        return ((ParseResult.Parsed) new RequestParser(RequestDefaults.standard()).parse(body, MessageEnvelope.NONE))
                .request();
    }

    private static ComputeRequest parsed(String sample) {
        return ((ParseResult.Parsed) new RequestParser(RequestDefaults.standard())
                .parse(Samples.text(sample), MessageEnvelope.NONE)).request();
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
