package io.amlcompute.provisioner.cli;

import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.config.EntityNames;
import io.amlcompute.provisioner.contract.Action;
import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.contract.event.ComputeEvent;
import io.amlcompute.provisioner.contract.event.LeaseResult;
import io.amlcompute.provisioner.contract.validation.ReasonCode;
import io.amlcompute.provisioner.contract.validation.Samples;
import io.amlcompute.provisioner.provisioning.ReplyAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * send with control requests (renew, release, cancel) against the Service Bus emulator, through the official client
 * on both sides; the test plays the app's part with the events the app builds ({@link LeaseEvents}).
 */
class SendControlRequestTest {

    private static final String LEASE = "demo-ensure-leased-cluster-001";
    private static final String RENEW = Samples.DIRECTORY.resolve("renew-lease.json").toString();
    private static final String RELEASE = Samples.DIRECTORY.resolve("release-lease.json").toString();
    private static final String CANCEL = Samples.DIRECTORY.resolve("cancel-request.json").toString();

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
    void buildsARenewFromFlagsWithAGeneratedRequestIdAsMessageId() throws IOException {
        CliRun.Result result = CliRun.run(bus.variables(), "send", "--renew", LEASE, "--extend-by", "2h");

        assertThat(result.exitCode()).as(result.err()).isZero();
        String requestId = result.json().get("requestId").asText();
        assertThat(requestId).matches("[0-9a-f-]{36}");
        ServiceBusReceivedMessage message = bus.takeRequest();
        assertThat(message.getMessageId()).isEqualTo(requestId);
        JsonNode body = Json.MAPPER.readTree(message.getBody().toString());
        assertThat(body.get("action").asText()).isEqualTo("renew");
        assertThat(body.get("requestId").asText()).isEqualTo(requestId);
        assertThat(body.get("leaseId").asText()).isEqualTo(LEASE);
        assertThat(body.get("extendBy").asText()).isEqualTo("PT2H");
    }

    @ParameterizedTest(name = "--{0}")
    @CsvSource({"release, leaseId", "cancel, targetRequestId"})
    void buildsAReleaseAndACancelFromFlags(String action, String field) throws IOException {
        CliRun.Result result = CliRun.run(bus.variables(), "send", "--" + action, LEASE,
                "--request-id", "flags-" + action + "-1");

        assertThat(result.exitCode()).as(result.err()).isZero();
        ServiceBusReceivedMessage message = bus.takeRequest();
        assertThat(message.getMessageId()).isEqualTo("flags-" + action + "-1");
        JsonNode body = Json.MAPPER.readTree(message.getBody().toString());
        assertThat(body.get("action").asText()).isEqualTo(action);
        assertThat(body.get(field).asText()).isEqualTo(LEASE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--renew without --extend-by|--renew " + LEASE + "|--extend-by",
            "two actions|--release " + LEASE + " --cancel " + LEASE + "|exactly one of",
            "a flag of another action|--cancel " + LEASE + " --extend-by 1h|--extend-by does not go with --cancel",
            "a workspace for a control request|--release " + LEASE + " --workspace a/b/c|--workspace",
            "--on-expiry without --lease|--ensure c1 --workspace a/b/c --vm-size S --on-expiry delete|--lease",
            "--until-expired without --wait|--release " + LEASE + " --until-expired|add --wait",
            "--until-expired for a renew|--renew " + LEASE + " --extend-by 1h --wait --until-expired|release"})
    void flagsNoRequestCouldExpressAreUsageErrorsAndNothingIsSent(String what, String flags, String message) {
        List<String> args = new java.util.ArrayList<>(List.of("send"));
        args.addAll(List.of(flags.split(" ")));

        CliRun.Result result = CliRun.run(bus.variables(), args.toArray(String[]::new)).withoutStackTrace();

        assertThat(result.exitCode()).as(result.err()).isEqualTo(64);
        assertThat(result.err()).contains(message);
        assertThat(bus.peekQueue(EntityNames.REQUESTS_QUEUE)).isEmpty();
    }

    @Test
    void buildsAnEnsureWithALeaseAndOnCancelFromFlags() throws IOException {
        CliRun.Result result = CliRun.run(bus.variables(), "send", "--ensure", "cpu-cluster",
                "--workspace", Samples.DEMO_WORKSPACE, "--vm-size", "Standard_DS3_v2", "--max-nodes", "2",
                "--lease", "4h", "--on-expiry", "scaleToZero", "--on-cancel", "delete");

        assertThat(result.exitCode()).as(result.err()).isZero();
        ComputeRequest request = LocalServiceBus.parse(bus.takeRequest().getBody().toString(), null);
        assertThat(request.options().lease().duration()).isEqualTo(Duration.ofHours(4));
        assertThat(request.options().lease().onExpiry().wireName()).isEqualTo("scaleToZero");
        assertThat(request.options().onCancel().wireName()).isEqualTo("delete");
    }

    @Test
    void aRenewBeyondThePolicysLeaseCapIsReportedAndNothingIsSent() {
        CliRun.Result result = CliRun.run(CliRun.with(bus.variables(), "POLICY_MAX_LEASE", "P1D"), "send",
                "--renew", LEASE, "--extend-by", "P2D").withoutStackTrace();

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.json().get("errors").findValuesAsText("code")).containsExactly("POLICY_LEASE_TOO_LONG");
        assertThat(bus.peekQueue(EntityNames.REQUESTS_QUEUE)).isEmpty();
    }

    @Test
    void aRenewWaitsForItsLeaseRenewedAndSaysTheNewExpiry() throws Exception {
        CliRun.Running send = CliRun.start(bus.variables(), "waiting up to", "send", RENEW, "--wait",
                "--timeout", "30s");
        ServiceBusReceivedMessage request = bus.takeRequest();
        ComputeRequest holder = LeaseEvents.holder(LEASE);
        ComputeEvent renewed = answer(request, LeaseEvents.renewed(holder, request.getMessageId(),
                LeaseEvents.EXPIRES_AT.plusSeconds(7200)));

        CliRun.Result result = send.result(Duration.ofSeconds(30));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.json().get("id").asText()).isEqualTo(renewed.id());
        assertThat(result.err()).contains("waiting up to 30s for the answer to demo-renew-leased-cluster-001 (lease "
                + LEASE + ")").contains("renewed until " + LeaseEvents.EXPIRES_AT.plusSeconds(7200));
    }

    @Test
    void aRejectedRenewExitsOneAndSaysWhy() throws Exception {
        CliRun.Running send = CliRun.start(bus.variables(), "waiting up to", "send", RENEW, "--wait",
                "--timeout", "30s");
        ServiceBusReceivedMessage request = bus.takeRequest();
        answer(request, LeaseEvents.rejected(LeaseEvents.holder(LEASE), request.getMessageId(), Action.RENEW,
                ReasonCode.LEASE_NOT_ACTIVE));

        CliRun.Result result = send.result(Duration.ofSeconds(30));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.json().get("type").asText()).isEqualTo("io.amlcompute.request.rejected");
        assertThat(result.err()).contains("demo-renew-leased-cluster-001 ended rejected (LEASE_NOT_ACTIVE)");
    }

    @Test
    void aCancelWaitsForItsTargetsCancelledEventAndExitsZero() throws Exception {
        CliRun.Running send = CliRun.start(bus.variables(), "waiting up to", "send", CANCEL, "--wait",
                "--timeout", "30s");
        ServiceBusReceivedMessage request = bus.takeRequest();
        ComputeEvent cancelled = answer(request, LeaseEvents.cancelled(LeaseEvents.holder(LEASE),
                request.getMessageId()));

        CliRun.Result result = send.result(Duration.ofSeconds(30));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.json().get("id").asText()).isEqualTo(cancelled.id());
        assertThat(result.json().get("data").get("requestId").asText()).isEqualTo(LEASE);
        assertThat(result.err()).contains("demo-cancel-leased-cluster-001 answered: " + LEASE + " cancelled");
    }

    @Test
    void aRejectedCancelExitsOneWithItsReason() throws Exception {
        CliRun.Running send = CliRun.start(bus.variables(), "waiting up to", "send", CANCEL, "--wait",
                "--timeout", "30s");
        ServiceBusReceivedMessage request = bus.takeRequest();
        answer(request, LeaseEvents.rejected(LeaseEvents.holder(LEASE), request.getMessageId(), Action.CANCEL,
                ReasonCode.NOT_CANCELLABLE));

        CliRun.Result result = send.result(Duration.ofSeconds(30));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("demo-cancel-leased-cluster-001 rejected (NOT_CANCELLABLE)");
    }

    @Test
    void aCancelThatIsNotAnsweredInTimeSaysHowToWaitForTheSameAnswer() {
        CliRun.Result result = CliRun.run(bus.variables(), "send", CANCEL, "--wait", "--timeout", "1s")
                .withoutStackTrace();

        assertThat(result.exitCode()).isEqualTo(2);
        ServiceBusReceivedMessage request = bus.takeRequest();
        assertThat(result.err()).contains("computectl wait demo-cancel-leased-cluster-001 --session "
                + property(request, "replyToSessionId") + " --cancel-of " + LEASE);
    }

    /** For the ensure's own waiter a cancelled request did not get its compute: exit 1, unlike the canceller's 0. */
    @Test
    void anEnsureThatEndsCancelledExitsOneForItsOwnWaiter() throws Exception {
        String leased = Samples.DIRECTORY.resolve("ensure-amlcompute-lease.json").toString();
        CliRun.Running send = CliRun.start(bus.variables(), "waiting up to", "send", leased, "--wait",
                "--timeout", "30s");
        ServiceBusReceivedMessage request = bus.takeRequest();
        answer(request, LeaseEvents.cancelled(LeaseEvents.holder(LEASE), "some-cancel"));

        CliRun.Result result = send.result(Duration.ofSeconds(30));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains(LEASE + " ended cancelled");
    }

    @Test
    void aReleaseUntilExpiredPrintsTheReleasedAnswerThenTheLeasesExpiredEventFromTheTopic() throws Exception {
        CliRun.Running send = CliRun.start(bus.variables(), "waiting up to", "send", RELEASE, "--wait",
                "--until-expired", "--timeout", "30s");
        ServiceBusReceivedMessage request = bus.takeRequest();
        ComputeRequest holder = LeaseEvents.holder(LEASE);
        answer(request, LeaseEvents.released(holder, request.getMessageId()));
        // The lease's own events go to the topic (and the holder's reply session, which the releaser does not know).
        bus.publisher().publish(LeaseEvents.expiring(holder), null);
        ComputeEvent expired = LeaseEvents.expired(holder, LeaseResult.DELETED);
        bus.publisher().publish(expired, null);

        CliRun.Result result = send.result(Duration.ofSeconds(30));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.outLines()).hasSize(2);
        assertThat(result.line(0).get("type").asText()).isEqualTo("io.amlcompute.lease.released");
        assertThat(result.line(1).get("id").asText()).isEqualTo(expired.id());
        assertThat(result.err()).contains("lease " + LEASE + " released").contains("on compute-events/subscriptions/"
                + EntityNames.ALL_EVENTS_SUBSCRIPTION).contains("lease " + LEASE + " expired: deleted");
    }

    @Test
    void aLeaseWhoseExpiryActionFailedEndsTheReleaseUntilExpiredWithExitOne() throws Exception {
        CliRun.Running send = CliRun.start(bus.variables(), "waiting up to", "send", RELEASE, "--wait",
                "--until-expired", "--timeout", "30s");
        ServiceBusReceivedMessage request = bus.takeRequest();
        ComputeRequest holder = LeaseEvents.holder(LEASE);
        answer(request, LeaseEvents.released(holder, request.getMessageId()));
        bus.publisher().publish(LeaseEvents.expired(holder, LeaseResult.FAILED), null);

        CliRun.Result result = send.result(Duration.ofSeconds(30));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("expired: failed");
    }

    @Test
    void noLeaseExpiredInTimeAfterTheReleaseExitsTwoAndSaysHowToWaitForIt() throws Exception {
        CliRun.Running send = CliRun.start(bus.variables(), "waiting up to", "send", RELEASE, "--wait",
                "--until-expired", "--timeout", "3s");
        ServiceBusReceivedMessage request = bus.takeRequest();
        answer(request, LeaseEvents.released(LeaseEvents.holder(LEASE), request.getMessageId()));

        CliRun.Result result = send.result(Duration.ofSeconds(30));

        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.outLines()).hasSize(1);
        assertThat(result.err()).contains("computectl wait " + LEASE + " --until-expired --subscription "
                + EntityNames.ALL_EVENTS_SUBSCRIPTION);
    }

    /** Plays the app: publishes {@code event} to the topic and to the reply session the control request asked for. */
    private ComputeEvent answer(ServiceBusReceivedMessage request, ComputeEvent event) {
        bus.publisher().publish(event, new ReplyAddress(property(request, "replyTo"),
                property(request, "replyToSessionId")));
        return event;
    }

    private static String property(ServiceBusReceivedMessage message, String name) {
        Object value = message.getApplicationProperties().get(name);
        return value == null ? null : value.toString();
    }
}
