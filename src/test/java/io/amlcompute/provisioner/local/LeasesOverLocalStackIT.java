package io.amlcompute.provisioner.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlcompute.provisioner.config.EntityNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Leases and cancels on the whole local stack, sent and read as users do (issue 19): control requests through the
 * requests queue reach the running orchestrations through the trigger, and every answer comes back as an event.
 *
 * <p>The tests mostly wait on lease timers, each on its own compute of the shared stack, so they run at once
 * ({@code CONCURRENT} on each test, not on the class: the class itself still runs alone, after and before the
 * other ITs).
 */
@Timeout(300)
class LeasesOverLocalStackIT {

    private static final String READY = "io.amlcompute.compute.ready";
    private static final String REJECTED = "io.amlcompute.request.rejected";
    private static final String CANCELLED = "io.amlcompute.compute.cancelled";
    private static final String RENEWED = "io.amlcompute.lease.renewed";
    private static final String RELEASED = "io.amlcompute.lease.released";
    private static final String EXPIRING = "io.amlcompute.lease.expiring";
    private static final String EXPIRED = "io.amlcompute.lease.expired";

    private static LocalStack stack;
    private static StackProbe probe;

    @BeforeAll
    static void startStack() throws Exception {
        stack = LocalStack.start(LocalStackOptions.defaults().withProvisioningTime(Duration.ofSeconds(8)));
        probe = StackProbe.of(stack);
    }

    @AfterAll
    static void stopStack() {
        if (probe != null) {
            probe.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void aLeaseIsRenewedOnceForARepeatedRenewalThenReleasedAndItsClusterDeleted() {
        String leaseId = StackProbe.uniqueId("lease");
        probe.send(leased(leaseId, "lease-renewed", "PT10M"));
        StackProbe.Event ready = awaitType(leaseId, READY);
        Instant expiresAt = Instant.parse(ready.body().path("data").path("lease").path("expiresAt").asText());

        String renewId = StackProbe.uniqueId("renew");
        ObjectNode renew = control("renew", renewId).put("leaseId", leaseId).put("extendBy", "PT5M");
        String session = "renew-" + UUID.randomUUID();
        // The same renewal twice, as a retrying sender sends it: the same body and reply address, another message.
        // Either copy may be taken first; a repeat is not answered again, so both must ask for the same reply.
        for (int copy = 0; copy < 2; copy++) {
            probe.send(renew, UUID.randomUUID().toString(), message -> {
                message.getApplicationProperties().put("replyTo", EntityNames.REPLIES_QUEUE);
                message.getApplicationProperties().put("replyToSessionId", session);
            });
        }
        StackProbe.Event renewed = awaitType(renewId, RENEWED);
        assertThat(Instant.parse(renewed.body().path("data").path("lease").path("expiresAt").asText()))
                .isEqualTo(expiresAt.plus(Duration.ofMinutes(5)));
        assertThat(renewed.properties()).containsEntry("leaseId", leaseId);
        assertThat(probe.replies(session)).extracting(StackProbe.Event::type).containsExactly(RENEWED);

        String releaseId = StackProbe.uniqueId("release");
        probe.send(control("release", releaseId).put("leaseId", leaseId));
        awaitType(releaseId, RELEASED);
        StackProbe.Event expired = awaitType(leaseId, EXPIRED);
        assertThat(expired.body().path("data").path("lease").path("result").asText()).isEqualTo("deleted");

        probe.awaitCollectedSoFar();
        assertThat(probe.eventsFor(leaseId)).extracting(StackProbe.Event::type)
                .as("a warning before each expiry: the lease is shorter than LEASE_WARNING").containsExactly(READY, EXPIRING,
                        EXPIRING, EXPIRED);
        assertThat(probe.eventsFor(renewId)).extracting(StackProbe.Event::type).containsExactly(RENEWED);
        await().atMost(StackProbe.WAIT).until(() -> probe.status(leaseId),
                status -> status != null && status.path("runtimeStatus").asText().equals("COMPLETED"));
        JsonNode lease = probe.status(leaseId).path("progress").path("lease");
        assertThat(lease.path("state").asText()).isEqualTo("ENDED");
        assertThat(lease.path("result").asText()).isEqualTo("deleted");
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void aShortLeaseWarnsAndExpiresByItself() {
        String leaseId = StackProbe.uniqueId("short");
        probe.send(leased(leaseId, "lease-short", "PT20S"));

        StackProbe.Event ready = awaitType(leaseId, READY);
        StackProbe.Event expired = awaitType(leaseId, EXPIRED);

        assertThat(probe.eventsFor(leaseId)).extracting(StackProbe.Event::type).containsExactly(READY, EXPIRING,
                EXPIRED);
        assertThat(Instant.parse(expired.body().path("time").asText())).isAfterOrEqualTo(
                Instant.parse(ready.body().path("data").path("lease").path("expiresAt").asText()));
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void aCancelInFlightDeletesTheClusterItsRequestCreatedAndOneAfterTheEndIsToldHowItEnded() {
        String requestId = StackProbe.uniqueId("doomed");
        probe.send(leased(requestId, "lease-doomed", "PT1H"));
        await().atMost(StackProbe.WAIT).until(() -> probe.status(requestId), status -> status != null
                && status.path("progress").path("phase").asText().equals("WAITING"));

        String cancelId = StackProbe.uniqueId("cancel");
        probe.send(control("cancel", cancelId).put("targetRequestId", requestId));
        StackProbe.Event cancelled = awaitType(requestId, CANCELLED);
        assertThat(cancelled.body().path("data").path("errors").get(0).path("message").asText()).contains(cancelId)
                .contains("deleted");

        String lateId = StackProbe.uniqueId("late");
        probe.send(control("cancel", lateId).put("targetRequestId", requestId));
        StackProbe.Event late = awaitType(lateId, REJECTED);
        assertThat(late.body().path("data").path("errors").get(0).path("code").asText()).isEqualTo("REQUEST_ENDED");
        assertThat(late.body().path("data").path("errors").get(0).path("message").asText()).contains("cancelled");

        probe.awaitCollectedSoFar();
        assertThat(probe.eventsFor(requestId)).extracting(StackProbe.Event::type).containsExactly(CANCELLED);
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void controlRequestsForUnknownRequestsOrWithoutALeaseAreRejectedWithTheirReason() {
        String unknownId = StackProbe.uniqueId("renew-unknown");
        probe.send(control("renew", unknownId).put("leaseId", "no-such-request").put("extendBy", "PT1H"));
        assertThat(awaitType(unknownId, REJECTED).body().path("data").path("errors").get(0).path("code").asText())
                .isEqualTo("UNKNOWN_REQUEST");

        String plain = StackProbe.uniqueId("plain");
        probe.send(StackProbe.sample("attach-databricks", plain));
        awaitType(plain, READY);
        String releaseId = StackProbe.uniqueId("release-plain");
        probe.send(control("release", releaseId).put("leaseId", plain));
        assertThat(awaitType(releaseId, REJECTED).body().path("data").path("errors").get(0).path("code").asText())
                .isEqualTo("REQUEST_ENDED");
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void aCreatorsLeaseWaitsForAnotherLiveLeaseBeforeItDeletesTheSharedCluster() {
        String creator = StackProbe.uniqueId("creator");
        String sharer = StackProbe.uniqueId("sharer");
        probe.send(leased(creator, "lease-shared", "PT5S"));
        awaitType(creator, READY);
        probe.send(leased(sharer, "lease-shared", "PT20S"));
        StackProbe.Event sharerReady = awaitType(sharer, READY);
        assertThat(sharerReady.outcome()).isEqualTo("existing");

        StackProbe.Event sharerExpired = awaitType(sharer, EXPIRED);
        StackProbe.Event creatorExpired = awaitType(creator, EXPIRED);

        assertThat(sharerExpired.body().path("data").path("lease").path("result").asText())
                .as("a lease never deletes a compute it did not create").isEqualTo("kept");
        assertThat(creatorExpired.body().path("data").path("lease").path("result").asText()).isEqualTo("deleted");
        assertThat(Instant.parse(creatorExpired.body().path("time").asText()))
                .as("the creator deleted only after the other lease ended")
                .isAfter(Instant.parse(sharerExpired.body().path("data").path("lease").path("expiresAt").asText()));
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void anInstancesLeaseWithOnExpiryStopEndsWithTheInstanceStopped() {
        String leaseId = StackProbe.uniqueId("ci-lease");
        ObjectNode request = StackProbe.sample("ensure-computeinstance-lease", leaseId);
        ((ObjectNode) request.path("compute")).put("name", "ci-leased");
        ((ObjectNode) request.path("options").path("lease")).put("duration", "PT20S");
        probe.send(request);

        StackProbe.Event ready = awaitType(leaseId, READY);
        StackProbe.Event expired = awaitType(leaseId, EXPIRED);

        assertThat(ready.body().at("/data/status/instance/state").asText()).isEqualTo("Running");
        assertThat(expired.body().at("/data/lease/onExpiry").asText()).isEqualTo("stop");
        assertThat(expired.body().at("/data/lease/result").asText()).isEqualTo("stopped");
        assertThat(expired.body().at("/data/status/instance/state").asText())
                .as("the lease waited for ARM's stop to finish").isEqualTo("Stopped");
        assertThat(probe.eventsFor(leaseId)).extracting(StackProbe.Event::type).containsExactly(READY, EXPIRING,
                EXPIRED);
        await().atMost(StackProbe.WAIT).until(() -> probe.status(leaseId),
                status -> status != null && status.path("runtimeStatus").asText().equals("COMPLETED"));
        assertThat(probe.status(leaseId).at("/progress/lease/result").asText()).isEqualTo("stopped");
    }

    private static StackProbe.Event awaitType(String requestId, String type) {
        return await().atMost(StackProbe.WAIT).until(() -> probe.eventsFor(requestId).stream()
                .filter(e -> e.type().equals(type)).toList(), list -> !list.isEmpty()).get(0);
    }

    private static ObjectNode leased(String requestId, String computeName, String duration) {
        ObjectNode request = StackProbe.sample("ensure-amlcompute-lease", requestId);
        ((ObjectNode) request.path("compute")).put("name", computeName);
        ((ObjectNode) request.path("options").path("lease")).put("duration", duration);
        return request;
    }

    private static ObjectNode control(String action, String requestId) {
        ObjectNode request = StackProbe.sample("cancel-request", requestId);
        request.remove("targetRequestId");
        request.put("action", action);
        return request;
    }
}
