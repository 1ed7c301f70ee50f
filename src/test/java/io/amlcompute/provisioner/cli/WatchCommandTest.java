package io.amlcompute.provisioner.cli;

import io.amlcompute.provisioner.config.EntityNames;
import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.event.ComputeEvent;
import io.amlcompute.provisioner.contract.event.ComputeEvents;
import io.amlcompute.provisioner.contract.event.EventType;
import io.amlcompute.provisioner.contract.event.LeaseResult;
import io.amlcompute.provisioner.contract.validation.ReasonCode;
import io.amlcompute.provisioner.contract.validation.RequestContext;
import io.amlcompute.provisioner.contract.validation.ValidationError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** watch against the Service Bus emulator, bounded by --max-events so every test ends. */
class WatchCommandTest {

    private LocalServiceBus bus;

    @BeforeEach
    void start() {
        bus = new LocalServiceBus();
    }

    @AfterEach
    void stop() {
        bus.close();
    }

    @Test
    void printsTheEventsThatMatchTheFilterAndConsumesWhatItReceived() {
        ComputeEvent a = publish("req-a", EventType.READY);
        publish("req-b", EventType.FAILED);
        ComputeEvent c = publish("req-c", EventType.READY);

        CliRun.Result result = CliRun.run(bus.variables(), "watch", "--filter", "eventType=ready",
                "--max-events", "2", "--timeout", "20s");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.outLines()).hasSize(2);
        assertThat(result.line(0).get("id").asText()).isEqualTo(a.id());
        assertThat(result.line(1).get("id").asText()).isEqualTo(c.id());
        assertThat(bus.peekSubscription(EntityNames.ALL_EVENTS_SUBSCRIPTION)).isEmpty();
    }

    @Test
    void everyFilterMustMatch() {
        publish("req-a", EventType.READY);
        ComputeEvent b = publish("req-b", EventType.READY);

        CliRun.Result result = CliRun.run(bus.variables(), "watch", "--filter", "type=io.amlcompute.compute.ready",
                "--filter", "requestId=req-b", "--filter", "workspace=11111111-2222-3333-4444-555555555555/RG-ML-DEMO/mlw-demo",
                "--max-events", "1", "--timeout", "20s");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.json().get("id").asText()).isEqualTo(b.id());
    }

    /** Every event of one lease carries its id as a property: the ready event, the answers, the lease's own. */
    @Test
    void theLeaseIdFilterPrintsEveryEventOfOneLease() {
        ComputeRequest holder = LeaseEvents.holder("req-leased");
        ComputeRequest other = LeaseEvents.holder("req-other-lease");
        ComputeEvent ready = LeaseEvents.ready(holder);
        bus.publisher().publish(ready, null);
        bus.publisher().publish(LeaseEvents.ready(other), null);
        publish("req-plain", EventType.READY);
        ComputeEvent renewed = LeaseEvents.renewed(holder, "req-renew", LeaseEvents.EXPIRES_AT.plusSeconds(60));
        bus.publisher().publish(renewed, null);
        bus.publisher().publish(LeaseEvents.expired(other, LeaseResult.KEPT), null);
        ComputeEvent expired = LeaseEvents.expired(holder, LeaseResult.DELETED);
        bus.publisher().publish(expired, null);

        CliRun.Result result = CliRun.run(bus.variables(), "watch", "--filter", "leaseId=req-leased",
                "--max-events", "3", "--timeout", "20s");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.outLines()).hasSize(3);
        assertThat(List.of(result.line(0), result.line(1), result.line(2))).extracting(e -> e.get("id").asText())
                .containsExactly(ready.id(), renewed.id(), expired.id());
    }

    @Test
    void aShortTypeNamesALeaseEvent() {
        ComputeRequest holder = LeaseEvents.holder("req-leased");
        bus.publisher().publish(LeaseEvents.ready(holder), null);
        bus.publisher().publish(LeaseEvents.expiring(holder), null);
        ComputeEvent expired = LeaseEvents.expired(holder, LeaseResult.DELETED);
        bus.publisher().publish(expired, null);

        CliRun.Result result = CliRun.run(bus.variables(), "watch", "--filter", "eventType=lease.expired",
                "--max-events", "1", "--timeout", "20s");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.json().get("id").asText()).isEqualTo(expired.id());
    }

    @Test
    void streamsEventsPublishedWhileItRuns() throws Exception {
        CliRun.Running watch = CliRun.start(bus.variables(), "watching", "watch", "--max-events", "2",
                "--timeout", "30s");

        ComputeEvent first = publish("req-1", EventType.DELETED);
        ComputeEvent second = publish("req-2", EventType.REJECTED);

        CliRun.Result result = watch.result(Duration.ofSeconds(30));
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.outLines()).hasSize(2);
        assertThat(result.line(0).get("id").asText()).isEqualTo(first.id());
        assertThat(result.line(1).get("id").asText()).isEqualTo(second.id());
    }

    @Test
    void skipsAMessageThatIsNotAnEventAndDeliversTheNextEvent() {
        bus.sendRaw(EntityNames.EVENTS_TOPIC, true, null, "this is not JSON {");
        bus.sendRaw(EntityNames.EVENTS_TOPIC, true, null, "{\"json\": \"but not an event\"}");
        ComputeEvent ready = publish("req-after-garbage", EventType.READY);

        CliRun.Result result = CliRun.run(bus.variables(), "watch", "--max-events", "1", "--timeout", "20s")
                .withoutStackTrace();

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.json().get("id").asText()).isEqualTo(ready.id());
        assertThat(result.err().lines().filter(l -> l.contains("skipped message"))).hasSize(2);
    }

    @Test
    void receiveAndDeleteTakesTheEventsToo() {
        publish("req-a", EventType.READY);

        CliRun.Result result = CliRun.run(bus.variables(), "watch", "--receive-and-delete", "--max-events", "1",
                "--timeout", "20s");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.outLines()).hasSize(1);
        assertThat(bus.peekSubscription(EntityNames.ALL_EVENTS_SUBSCRIPTION)).isEmpty();
    }

    @Test
    void fewerEventsThanMaxEventsBeforeTheTimeoutExitsTwo() {
        publish("req-a", EventType.READY);

        CliRun.Result result = CliRun.run(bus.variables(), "watch", "--max-events", "3", "--timeout", "1s")
                .withoutStackTrace();

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.outLines()).hasSize(1);
        assertThat(result.err()).contains("1 of 3 events");
    }

    @Test
    void anUnknownFilterKeyIsAUsageErrorListingTheKeys() {
        CliRun.Result result = CliRun.run(bus.variables(), "watch", "--filter", "colour=blue").withoutStackTrace();

        assertThat(result.exitCode()).isEqualTo(64);
        assertThat(result.err()).contains("colour").contains("computeName");
    }

    private ComputeEvent publish(String requestId, EventType type) {
        ComputeEvent event = type == EventType.REJECTED
                ? ComputeEvents.rejected(RequestContext.EMPTY,
                        List.of(new ValidationError(ReasonCode.MALFORMED_JSON, "$", "not JSON")),
                        Instant.parse("2026-11-29T10:00:00Z"), requestId)
                : LocalServiceBus.eventFor(LocalServiceBus.sampleRequest(requestId), type);
        bus.publisher().publish(event, null);
        return event;
    }
}
