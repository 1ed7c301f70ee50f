package io.amlcompute.provisioner.provisioning;

import io.amlcompute.provisioner.contract.event.ComputeEvent;
import io.amlcompute.provisioner.contract.event.EventType;
import io.amlcompute.provisioner.contract.validation.ReasonCode;
import io.amlcompute.provisioner.contract.validation.Samples;
import io.amlcompute.provisioner.contract.validation.ValidationError;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The intake's decisions, with recording implementations of its two ports. The trigger's end-to-end tests run
 * the same intake against the Durable backend and the Service Bus emulator.
 */
class RequestIntakeTest {

    private final RecordingStarter starter = new RecordingStarter();
    private final RecordingPublisher publisher = new RecordingPublisher();
    private final RequestIntake intake = new RequestIntake(Samples.demoValidator(), starter, publisher,
            "compute-replies", new ProvisioningInput.LeaseTerms(Duration.ofDays(7), Duration.ofMinutes(15)),
            Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void validRequestStartsOneOrchestrationNamedAfterItsRequestId() {
        RequestIntake.Result result = intake.accept(message(Samples.text("ensure-amlcompute.json"), "m-1", null, null));

        assertThat(result).isInstanceOf(RequestIntake.Result.Started.class);
        assertThat(starter.started).containsOnlyKeys("demo-ensure-aml-cluster-001");
        assertThat(publisher.events).isEmpty();
    }

    @Test
    void redeliveredMessageIsADuplicateAndStartsNothingNew() {
        IncomingMessage message = message(Samples.text("ensure-amlcompute.json"), "m-1", null, null);
        intake.accept(message);

        RequestIntake.Result again = intake.accept(message);

        assertThat(again).isInstanceOf(RequestIntake.Result.Duplicate.class);
        assertThat(starter.calls).isEqualTo(2);
        assertThat(starter.started).hasSize(1);
    }

    @Test
    void invalidRequestIsAnsweredWithARejectionAndStartsNothing() {
        RequestIntake.Result result = intake.accept(message(Samples.text("invalid-request.json"), "m-2", null, null));

        assertThat(result).isInstanceOf(RequestIntake.Result.Rejected.class);
        assertThat(starter.calls).isZero();
        assertThat(publisher.events).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(EventType.REJECTED);
            assertThat(event.data().errors()).extracting(e -> e.code())
                    .contains(ReasonCode.INVALID_COMPUTE_NAME.name(), ReasonCode.SECRET_INLINE.name());
        });
    }

    @Test
    void theSameBadMessageTwiceYieldsTheSameRejectionId() {
        IncomingMessage bad = message("not json", "m-3", null, null);

        String first = ((RequestIntake.Result.Rejected) intake.accept(bad)).event().id();
        String second = ((RequestIntake.Result.Rejected) intake.accept(bad)).event().id();

        assertThat(first).isEqualTo(second);
    }

    @Test
    void policyViolationIsRejectedBeforeAnythingStarts() {
        String otherWorkspace = Samples.with("ensure-amlcompute.json", "/workspace/workspaceName", "\"mlw-other\"");

        RequestIntake.Result result = intake.accept(message(otherWorkspace, "m-4", null, null));

        assertThat(((RequestIntake.Result.Rejected) result).errors()).extracting(ValidationError::code)
                .containsExactly(ReasonCode.POLICY_WORKSPACE_NOT_ALLOWED);
        assertThat(starter.calls).isZero();
    }

    @Test
    void replyToTheRepliesQueueTravelsWithTheOrchestration() {
        intake.accept(message(Samples.text("ensure-amlcompute.json"), "m-5", "compute-replies", "session-9"));

        ProvisioningInput input = starter.started.get("demo-ensure-aml-cluster-001");
        assertThat(input.replyAddress()).isEqualTo(new ReplyAddress("compute-replies", "session-9"));
    }

    @Test
    void replyToAnyOtherEntityIsIgnored() {
        intake.accept(message(Samples.text("ensure-amlcompute.json"), "m-6", "compute-requests", "s"));

        assertThat(starter.started.get("demo-ensure-aml-cluster-001").replyAddress()).isNull();
    }

    @Test
    void replyWithoutASessionGoesToTheSessionNamedAfterTheRequestId() {
        intake.accept(message(Samples.text("ensure-amlcompute.json"), "m-10", "compute-replies", null));

        assertThat(starter.started.get("demo-ensure-aml-cluster-001").replyAddress())
                .isEqualTo(new ReplyAddress("compute-replies", "demo-ensure-aml-cluster-001"));
    }

    @Test
    void correlationIdComesFromTheApplicationPropertyWhenTheBodyHasNone() {
        String body = Samples.without("ensure-amlcompute.json", "/correlationId");
        intake.accept(new IncomingMessage(body, Map.of("correlationId", "run-77"), 1, "m-11"));

        assertThat(starter.started.get("demo-ensure-aml-cluster-001").request()).contains("\"correlationId\":\"run-77\"");
    }

    @Test
    void aBodyWithoutRequestIdIsRejectedForTheMissingFieldWhateverTheMessageCarries() {
        String body = Samples.without("ensure-amlcompute.json", "/requestId");

        RequestIntake.Result result = intake.accept(message(body, "m-12", null, null));

        assertThat(((RequestIntake.Result.Rejected) result).errors()).extracting(ValidationError::path)
                .contains("$.requestId");
        assertThat(starter.calls).isZero();
    }

    @Test
    void twoDifferentMessagesWithTheSameBadBodyGetRejectionsOfTheirOwn() {
        String first = ((RequestIntake.Result.Rejected) intake.accept(message("not json", "41:x", null, null))).event().id();
        String second = ((RequestIntake.Result.Rejected) intake.accept(message("not json", "42:x", null, null))).event().id();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void rejectionGoesToTheReplySessionToo() {
        intake.accept(message("{}", "m-7", "compute-replies", "session-7"));

        assertThat(publisher.replies).containsExactly(new ReplyAddress("compute-replies", "session-7"));
    }

    @Test
    void unreachableDurableBackendPropagatesSoServiceBusRedelivers() {
        starter.failWith = new IllegalStateException("UNAVAILABLE: io exception");

        assertThatThrownBy(() -> intake.accept(message(Samples.text("ensure-amlcompute.json"), "m-8", null, null)))
                .hasMessageContaining("UNAVAILABLE");
    }

    @Test
    void failedRejectionPublishPropagatesSoTheMessageIsNotLost() {
        publisher.failWith = new EventPublisher.PublishException("namespace unreachable", true, null);

        assertThatThrownBy(() -> intake.accept(message("garbage", "m-9", null, null)))
                .isInstanceOf(EventPublisher.PublishException.class);
    }

    /** A message with its application properties replyTo and replyToSessionId (when not null). */
    private static IncomingMessage message(String body, String deliveryKey, String replyTo, String session) {
        Map<String, String> properties = new HashMap<>();
        if (replyTo != null) {
            properties.put("replyTo", replyTo);
        }
        if (session != null) {
            properties.put("replyToSessionId", session);
        }
        return new IncomingMessage(body, properties, 1, deliveryKey);
    }

    private static final class RecordingStarter implements OrchestrationStarter {
        final Map<String, ProvisioningInput> started = new HashMap<>();
        int calls;
        RuntimeException failWith;

        @Override
        public boolean startIfAbsent(String instanceId, ProvisioningInput input) {
            calls++;
            if (failWith != null) {
                throw failWith;
            }
            return started.putIfAbsent(instanceId, input) == null;
        }

        final Map<String, List<Signal>> signalled = new HashMap<>();
        Delivery delivery = new Delivery.Answered();

        @Override
        public Delivery signal(String instanceId, Signal signal) {
            calls++;
            if (failWith != null) {
                throw failWith;
            }
            signalled.computeIfAbsent(instanceId, k -> new ArrayList<>()).add(signal);
            return delivery;
        }
    }

    private static final class RecordingPublisher implements EventPublisher {
        final List<ComputeEvent> events = new ArrayList<>();
        final List<ReplyAddress> replies = new ArrayList<>();
        RuntimeException failWith;

        @Override
        public void publishToTopic(ComputeEvent event) {
            if (failWith != null) {
                throw failWith;
            }
            events.add(event);
        }

        @Override
        public void reply(ComputeEvent event, ReplyAddress replyTo) {
            replies.add(replyTo);
        }
    }
}
