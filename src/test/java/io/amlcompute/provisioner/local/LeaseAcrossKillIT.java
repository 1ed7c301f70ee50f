package io.amlcompute.provisioner.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlcompute.provisioner.local.chaos.StackProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A lease survives a kill -9 of the whole stack between its renewal and its expiry (issue 19): after a restart on the
 * same data directory the renewed expiry holds, the compute is deleted once, and the request has exactly one ready
 * event, one renewal answer and one lease.expired, however often the renewal was sent.
 */
@Timeout(300)
class LeaseAcrossKillIT {

    @TempDir
    Path temp;

    private final List<StackProcess> stacks = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        stacks.forEach(StackProcess::killIfAlive);
    }

    @Test
    void aRenewedLeaseExpiresOnceAtItsRenewedTimeAfterTheStackWasKilled() throws Exception {
        Path data = temp.resolve("data");
        StackProcess first = start(data, "first");
        String leaseId = StackProbe.uniqueId("killed-lease");
        String renewId = StackProbe.uniqueId("renew");
        Instant renewedExpiry;
        try (StackProbe probe = probe(first)) {
            ObjectNode ensure = StackProbe.sample("ensure-amlcompute-lease", leaseId);
            ((ObjectNode) ensure.path("compute")).put("name", "lease-killed");
            ((ObjectNode) ensure.path("options").path("lease")).put("duration", "PT30S");
            probe.send(ensure);
            StackProbe.Event ready = await(probe, leaseId, "io.amlcompute.compute.ready");
            Instant expiresAt = Instant.parse(ready.body().path("data").path("lease").path("expiresAt").asText());

            ObjectNode renew = StackProbe.sample("renew-lease", renewId).put("leaseId", leaseId).put("extendBy", "PT30S");
            probe.send(renew);
            probe.send(renew);
            StackProbe.Event renewed = await(probe, renewId, "io.amlcompute.lease.renewed");
            renewedExpiry = Instant.parse(renewed.body().path("data").path("lease").path("expiresAt").asText());
            assertThat(renewedExpiry).isEqualTo(expiresAt.plusSeconds(30));
        }

        first.kill();
        StackProcess second = start(data, "second");

        try (StackProbe probe = probe(second)) {
            // The same renewal once more, after the restart: recognised, not applied again.
            probe.send(StackProbe.sample("renew-lease", renewId).put("leaseId", leaseId).put("extendBy", "PT30S"));
            StackProbe.Event expired = await(probe, leaseId, "io.amlcompute.lease.expired");
            assertThat(expired.body().path("data").path("lease").path("result").asText()).isEqualTo("deleted");
            assertThat(Instant.parse(expired.body().path("data").path("lease").path("expiresAt").asText()))
                    .isEqualTo(renewedExpiry);
            assertThat(Instant.parse(expired.body().path("time").asText())).isAfterOrEqualTo(renewedExpiry);
            probe.awaitCollectedSoFar();
            assertThat(probe.eventsFor(leaseId)).extracting(StackProbe.Event::type)
                    .containsOnlyOnce("io.amlcompute.lease.expired").doesNotContain("io.amlcompute.compute.ready");
            assertThat(probe.eventsFor(renewId)).as("the first renewal answer was taken before the kill").isEmpty();
        }
        assertThat(second.stop()).isTrue();
    }

    private StackProcess start(Path data, String name) throws Exception {
        StackProcess stack = StackProcess.start(data, temp.resolve("logs"), name, Duration.ofSeconds(2));
        stacks.add(stack);
        return stack;
    }

    private static StackProbe probe(StackProcess stack) {
        return new StackProbe(stack.endpoints().serviceBusConnectionString(), stack.endpoints().statusApiBaseUrl(),
                stack.endpoints().functionKey());
    }

    private static StackProbe.Event await(StackProbe probe, String requestId, String type) {
        return org.awaitility.Awaitility.await().atMost(StackProbe.WAIT).until(() -> probe.eventsFor(requestId).stream()
                .filter(e -> e.type().equals(type)).toList(), list -> !list.isEmpty()).get(0);
    }
}
