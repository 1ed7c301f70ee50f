package io.amlcompute.provisioner.cli;

import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import io.amlcompute.provisioner.config.EntityNames;
import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.event.ComputeEvent;
import io.amlcompute.provisioner.contract.event.EventType;
import io.amlcompute.provisioner.contract.event.LeaseResult;
import io.amlcompute.provisioner.provisioning.ReplyAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** wait on a reply session and on a topic subscription, against the Service Bus emulator. */
class WaitCommandTest {

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
    void receivesTheEventFromTheReplySessionAndTakesItOffTheQueue() {
        ComputeEvent ready = LocalServiceBus.eventFor(LocalServiceBus.sampleRequest("req-session"), EventType.READY);
        bus.publisher().publish(ready, new ReplyAddress(EntityNames.REPLIES_QUEUE, "session-7"));

        CliRun.Result result = CliRun.run(bus.variables(), "wait", "req-session", "--session", "session-7",
                "--timeout", "20s");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.json().get("id").asText()).isEqualTo(ready.id());
        assertThat(bus.peekQueue(EntityNames.REPLIES_QUEUE)).isEmpty();
    }

    @Test
    void waitsOnTheSessionForAnEventPublishedLater() throws Exception {
        CliRun.Running wait = CliRun.start(bus.variables(), "waiting up to",
                "wait", "req-later", "--session", "session-8", "--timeout", "30s");
        ComputeEvent deleted = LocalServiceBus.eventFor(LocalServiceBus.sampleRequest("req-later"), EventType.DELETED);

        bus.publisher().publish(deleted, new ReplyAddress(EntityNames.REPLIES_QUEUE, "session-8"));

        CliRun.Result result = wait.result(Duration.ofSeconds(30));
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.json().get("type").asText()).isEqualTo("io.amlcompute.compute.deleted");
    }

    @Test
    void picksTheRequestsEventOutOfASharedSubscriptionWithoutTakingAnything() {
        ComputeEvent ready = LocalServiceBus.eventFor(LocalServiceBus.sampleRequest("req-a"), EventType.READY);
        ComputeEvent failed = LocalServiceBus.eventFor(LocalServiceBus.sampleRequest("req-b"), EventType.FAILED);
        bus.publisher().publish(ready, null);
        bus.publisher().publish(failed, null);

        CliRun.Result forB = CliRun.run(bus.variables(), "wait", "req-b", "--timeout", "20s");
        CliRun.Result forA = CliRun.run(bus.variables(), "wait", "req-a", "--subscription",
                EntityNames.ALL_EVENTS_SUBSCRIPTION, "--timeout", "20s");

        assertThat(forB.exitCode()).as(forB.err()).isEqualTo(1);
        assertThat(forB.json().get("id").asText()).isEqualTo(failed.id());
        assertThat(forA.exitCode()).as(forA.err()).isZero();
        assertThat(forA.json().get("id").asText()).isEqualTo(ready.id());
        assertThat(bus.peekSubscription(EntityNames.ALL_EVENTS_SUBSCRIPTION))
                .extracting(ServiceBusReceivedMessage::getMessageId).containsExactly(ready.id(), failed.id());
    }

    @Test
    void findsAnEventPublishedAfterTheWaitBeganOnTheSubscription() throws Exception {
        bus.publisher().publish(LocalServiceBus.eventFor(LocalServiceBus.sampleRequest("req-other"),
                EventType.READY), null);
        CliRun.Running wait = CliRun.start(bus.variables(), "waiting up to", "wait", "req-c", "--timeout", "30s");
        ComputeEvent timedOut = LocalServiceBus.eventFor(LocalServiceBus.sampleRequest("req-c"), EventType.TIMED_OUT);

        bus.publisher().publish(timedOut, null);

        CliRun.Result result = wait.result(Duration.ofSeconds(30));
        assertThat(result.exitCode()).as("a timedout event is a result: exit 1, not 2").isEqualTo(1);
        assertThat(result.json().get("id").asText()).isEqualTo(timedOut.id());
    }

    @Test
    void skipsAMessageThatIsNotAnEventOnTheSessionAndDeliversTheNextEvent() {
        bus.sendRaw(EntityNames.REPLIES_QUEUE, false, "session-9", "this is not JSON {");
        bus.sendRaw(EntityNames.REPLIES_QUEUE, false, "session-9", "[\"json\", \"but not an event\"]");
        bus.sendRaw(EntityNames.REPLIES_QUEUE, false, "session-9", "{\"data\": {\"requestId\": \"req-skip\"}}");
        ComputeEvent ready = LocalServiceBus.eventFor(LocalServiceBus.sampleRequest("req-skip"), EventType.READY);
        bus.publisher().publish(ready, new ReplyAddress(EntityNames.REPLIES_QUEUE, "session-9"));

        CliRun.Result result = CliRun.run(bus.variables(), "wait", "req-skip", "--session", "session-9",
                "--timeout", "20s").withoutStackTrace();

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.json().get("id").asText()).isEqualTo(ready.id());
    }

    @Test
    void skipsAMessageThatIsNotAnEventOnTheSubscriptionAndDeliversTheNextEvent() {
        bus.sendRaw(EntityNames.EVENTS_TOPIC, true, null, "this is not JSON {");
        ComputeEvent failed = LocalServiceBus.eventFor(LocalServiceBus.sampleRequest("req-skip"), EventType.FAILED);
        bus.publisher().publish(failed, null);

        CliRun.Result result = CliRun.run(bus.variables(), "wait", "req-skip", "--timeout", "20s")
                .withoutStackTrace();

        assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
        assertThat(result.json().get("id").asText()).isEqualTo(failed.id());
    }

    @Test
    void noEventBeforeTheTimeoutExitsTwo() {
        bus.publisher().publish(LocalServiceBus.eventFor(LocalServiceBus.sampleRequest("req-other"),
                EventType.READY), null);

        CliRun.Result result = CliRun.run(bus.variables(), "wait", "req-missing", "--timeout", "1s")
                .withoutStackTrace();

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("computectl wait req-missing --subscription all-events");
    }

    /**
     * A leased ensure's session gets its lease events after the ready event, with the ensure's id: once the ready
     * event was taken, they are not mistaken for the ensure's answer.
     */
    @Test
    void theLeaseEventsOfAReadyEnsureAreNotItsAnswer() {
        ComputeRequest holder = LeaseEvents.holder("req-leased");
        ReplyAddress session = new ReplyAddress(EntityNames.REPLIES_QUEUE, "session-lease");
        bus.publisher().publish(LeaseEvents.expiring(holder), session);
        bus.publisher().publish(LeaseEvents.expired(holder, LeaseResult.DELETED), session);

        CliRun.Result result = CliRun.run(bus.variables(), "wait", "req-leased", "--session", "session-lease",
                "--timeout", "2s").withoutStackTrace();

        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("not the event of req-leased");
    }

    @Test
    void untilExpiredTakesTheLeasesExpiredEventPastTheReadyAndExpiringEvents() {
        ComputeRequest holder = LeaseEvents.holder("req-leased");
        ReplyAddress session = new ReplyAddress(EntityNames.REPLIES_QUEUE, "session-lease");
        bus.publisher().publish(LeaseEvents.ready(holder), session);
        bus.publisher().publish(LeaseEvents.expiring(holder), session);
        ComputeEvent expired = LeaseEvents.expired(holder, LeaseResult.DELETED);
        bus.publisher().publish(expired, session);

        CliRun.Result onSession = CliRun.run(bus.variables(), "wait", "req-leased", "--until-expired",
                "--session", "session-lease", "--timeout", "20s");
        CliRun.Result onTopic = CliRun.run(bus.variables(), "wait", "req-leased", "--until-expired",
                "--timeout", "20s");

        assertThat(onSession.exitCode()).as(onSession.err()).isZero();
        assertThat(onSession.json().get("id").asText()).isEqualTo(expired.id());
        assertThat(onSession.err()).contains("lease req-leased expired: deleted");
        assertThat(onTopic.exitCode()).as(onTopic.err()).isZero();
        assertThat(onTopic.json().get("id").asText()).isEqualTo(expired.id());
    }

    /** An ensure that never got its compute ready holds no lease: the wait for its end fails at once. */
    @Test
    void untilExpiredEndsWithExitOneWhenTheEnsureFailedAndNoLeaseStarted() {
        ComputeEvent failed = LocalServiceBus.eventFor(LeaseEvents.holder("req-leased"), EventType.FAILED);
        bus.publisher().publish(failed, null);

        CliRun.Result result = CliRun.run(bus.variables(), "wait", "req-leased", "--until-expired",
                "--timeout", "20s");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.json().get("id").asText()).isEqualTo(failed.id());
        assertThat(result.err()).contains("lease req-leased never started");
    }

    @Test
    void untilExpiredEndsWithExitOneWhenTheEnsureIsReadyWithoutALease() {
        ComputeEvent ready = LocalServiceBus.eventFor(LocalServiceBus.sampleRequest("req-unleased"), EventType.READY);
        bus.publisher().publish(ready, null);

        CliRun.Result result = CliRun.run(bus.variables(), "wait", "req-unleased", "--until-expired",
                "--timeout", "20s");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("without a lease");
    }

    @Test
    void cancelOfWaitsForTheTargetsCancelledEventOnTheCancelsSession() {
        ComputeRequest target = LocalServiceBus.sampleRequest("req-target");
        ReplyAddress session = new ReplyAddress(EntityNames.REPLIES_QUEUE, "session-cancel");
        ComputeEvent cancelled = LeaseEvents.cancelled(target, "req-cancel");
        bus.publisher().publish(cancelled, session);

        CliRun.Result result = CliRun.run(bus.variables(), "wait", "req-cancel", "--cancel-of", "req-target",
                "--session", "session-cancel", "--timeout", "20s");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.json().get("id").asText()).isEqualTo(cancelled.id());
        assertThat(result.err()).contains("req-cancel answered: req-target cancelled");
    }

    @Test
    void aRenewsAnswerEndsAPlainWaitForItsId() {
        ComputeEvent renewed = LeaseEvents.renewed(LeaseEvents.holder("req-leased"), "req-renew",
                LeaseEvents.EXPIRES_AT.plusSeconds(3600));
        bus.publisher().publish(renewed, null);

        CliRun.Result result = CliRun.run(bus.variables(), "wait", "req-renew", "--timeout", "20s");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.json().get("id").asText()).isEqualTo(renewed.id());
    }

    @Test
    void cancelOfAndUntilExpiredAreExclusive() {
        CliRun.Result result = CliRun.run(bus.variables(), "wait", "req", "--cancel-of", "t", "--until-expired")
                .withoutStackTrace();

        assertThat(result.exitCode()).isEqualTo(64);
        assertThat(result.err()).contains("mutually exclusive");
    }

    @Test
    void sessionAndSubscriptionAreExclusive() {
        CliRun.Result result = CliRun.run(bus.variables(), "wait", "req", "--session", "s", "--subscription", "x")
                .withoutStackTrace();

        assertThat(result.exitCode()).isEqualTo(64);
        assertThat(result.err()).contains("mutually exclusive");
    }
}
