package io.amlcompute.provisioner.local.servicebus;

import com.azure.core.amqp.exception.AmqpErrorCondition;
import com.azure.core.amqp.exception.AmqpException;
import com.azure.messaging.servicebus.ServiceBusException;
import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.messaging.servicebus.ServiceBusFailureReason;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusProcessorClient;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.ServiceBusSessionReceiverClient;
import io.amlcompute.provisioner.local.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Session-enabled queues: request–reply, session locks, next-available sessions and session state. */
class ServiceBusEmulatorSessionTest {

    private static final String REQUESTS = "requests";
    private static final String REPLIES = "replies";
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final ManualClock clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private ServiceBusEmulator emulator;

    @BeforeEach
    void start() {
        emulator = ServiceBusEmulator.start(ServiceBusEmulatorConfig.builder()
                .clock(clock)
                .queue(QueueDefinition.named(REQUESTS))
                .queue(QueueDefinition.named(REPLIES).withRequiresSession(true)
                        .withLockDuration(Duration.ofSeconds(30)))
                .build());
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private ServiceBusSessionReceiverClient sessionReceiver() {
        return EmulatorClients.builder(emulator).sessionReceiver().queueName(REPLIES)
                .disableAutoComplete().maxAutoLockRenewDuration(Duration.ZERO).buildClient();
    }

    private static ServiceBusReceivedMessage receiveOne(ServiceBusReceiverClient receiver) {
        List<ServiceBusReceivedMessage> received = receiver.receiveMessages(1, WAIT).stream().toList();
        assertThat(received).as("a message within %s", WAIT).hasSize(1);
        return received.get(0);
    }

    @Test
    void aRequestIsAnsweredOnTheReplyToSessionTheRequesterAccepts() {
        try (ServiceBusSenderClient requester = EmulatorClients.builder(emulator).sender().queueName(REQUESTS)
                .buildClient();
             ServiceBusReceiverClient responder = EmulatorClients.builder(emulator).receiver().queueName(REQUESTS)
                     .disableAutoComplete().maxAutoLockRenewDuration(Duration.ZERO).buildClient();
             ServiceBusSenderClient replier = EmulatorClients.builder(emulator).sender().queueName(REPLIES)
                     .buildClient();
             ServiceBusSessionReceiverClient replies = sessionReceiver()) {
            requester.sendMessage(new ServiceBusMessage("make aml-cluster").setMessageId("req-1")
                    .setReplyTo(REPLIES).setReplyToSessionId("caller-7"));
            replier.sendMessage(new ServiceBusMessage("noise").setSessionId("someone-else"));

            ServiceBusReceivedMessage request = receiveOne(responder);
            replier.sendMessage(new ServiceBusMessage("ready").setSessionId(request.getReplyToSessionId())
                    .setCorrelationId(request.getMessageId()));
            responder.complete(request);

            try (ServiceBusReceiverClient callerSession = replies.acceptSession("caller-7")) {
                ServiceBusReceivedMessage reply = receiveOne(callerSession);
                assertThat(reply.getSessionId()).isEqualTo("caller-7");
                assertThat(reply.getCorrelationId()).isEqualTo("req-1");
                assertThat(reply.getBody().toString()).isEqualTo("ready");
                callerSession.complete(reply);
            }
        }
    }

    @Test
    void acceptNextSessionLocksTheFirstSessionWithMessagesAndKeepsOthersAvailable() {
        try (ServiceBusSenderClient replier = EmulatorClients.builder(emulator).sender().queueName(REPLIES)
                .buildClient();
             ServiceBusSessionReceiverClient replies = sessionReceiver()) {
            replier.sendMessage(new ServiceBusMessage("first").setSessionId("s-1"));
            replier.sendMessage(new ServiceBusMessage("second").setSessionId("s-2"));

            try (ServiceBusReceiverClient first = replies.acceptNextSession();
                 ServiceBusReceiverClient second = replies.acceptNextSession()) {
                assertThat(first.getSessionId()).isEqualTo("s-1");
                assertThat(second.getSessionId()).isEqualTo("s-2");
                assertThat(receiveOne(second).getBody().toString()).isEqualTo("second");
                assertThat(receiveOne(first).getBody().toString()).isEqualTo("first");
            }
        }
    }

    @Test
    void aSessionHeldByOneReceiverCannotBeAcceptedByAnotherUntilItIsClosed() {
        try (ServiceBusSessionReceiverClient replies = sessionReceiver();
             ServiceBusSessionReceiverClient competitor = sessionReceiver()) {
            ServiceBusReceiverClient holder = replies.acceptSession("s-1");

            // The sync session client surfaces the link's AmqpException as is.
            assertThatThrownBy(() -> competitor.acceptSession("s-1"))
                    .isInstanceOfSatisfying(AmqpException.class, e ->
                            assertThat(e.getErrorCondition()).isEqualTo(AmqpErrorCondition.SESSION_CANNOT_BE_LOCKED));

            holder.close();
            try (ServiceBusReceiverClient next = competitor.acceptSession("s-1")) {
                assertThat(next.getSessionId()).isEqualTo("s-1");
            }
        }
    }

    @Test
    void sessionStateIsKeptPerSessionAndTheSessionLockCanBeRenewed() {
        try (ServiceBusSessionReceiverClient replies = sessionReceiver();
             ServiceBusReceiverClient session = replies.acceptSession("s-1")) {
            assertThat(session.getSessionState()).isNull();

            session.setSessionState("step-2".getBytes(StandardCharsets.UTF_8));
            clock.advance(Duration.ofSeconds(20));
            var renewedUntil = session.renewSessionLock();

            assertThat(new String(session.getSessionState(), StandardCharsets.UTF_8)).isEqualTo("step-2");
            assertThat(renewedUntil.toInstant()).isEqualTo(clock.instant().plus(Duration.ofSeconds(30)));
        }
    }

    @Test
    void aSenderMustSetASessionIdOnASessionEnabledQueue() {
        try (ServiceBusSenderClient replier = EmulatorClients.builder(emulator).sender().queueName(REPLIES)
                .buildClient()) {
            assertThatThrownBy(() -> replier.sendMessage(new ServiceBusMessage("no session")))
                    .isInstanceOf(ServiceBusException.class)
                    .hasMessageContaining("SessionId was not set");
        }
    }

    @Test
    void aSessionProcessorWaitingForSessionsGetsTheOnesThatArriveLater() {
        List<String> processed = new CopyOnWriteArrayList<>();
        ServiceBusProcessorClient processor = EmulatorClients.builder(emulator).sessionProcessor().queueName(REPLIES)
                .maxAutoLockRenewDuration(Duration.ZERO)
                .processMessage(context -> processed.add(context.getMessage().getSessionId() + ":"
                        + context.getMessage().getBody()))
                .processError(context -> { })
                .buildProcessorClient();
        try (ServiceBusSenderClient replier = EmulatorClients.builder(emulator).sender().queueName(REPLIES)
                .buildClient()) {
            processor.start();
            replier.sendMessage(new ServiceBusMessage("late reply").setSessionId("caller-9"));

            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(processed).containsExactly("caller-9:late reply"));
        } finally {
            processor.close();
        }
    }

    @Test
    void acceptNextSessionGivesUpWithTheBrokerTimeoutWhenNoSessionTurnsUp() {
        try (ServiceBusSessionReceiverClient replies = EmulatorClients.builder(emulator)
                .retryOptions(new AmqpRetryOptions().setTryTimeout(Duration.ofSeconds(1)).setMaxRetries(0))
                .sessionReceiver().queueName(REPLIES).disableAutoComplete()
                .maxAutoLockRenewDuration(Duration.ZERO).buildClient()) {
            assertThatThrownBy(replies::acceptNextSession).hasStackTraceContaining("com.microsoft:timeout");
        }
    }

    @Test
    void anExpiredSessionLockDetachesTheReceiverAndFreesTheSessionWithItsMessages() {
        try (ServiceBusSenderClient replier = EmulatorClients.builder(emulator).sender().queueName(REPLIES)
                .buildClient();
             ServiceBusSessionReceiverClient replies = sessionReceiver()) {
            replier.sendMessage(new ServiceBusMessage("reply").setSessionId("s-1"));
            ServiceBusReceiverClient holder = replies.acceptSession("s-1");
            ServiceBusReceivedMessage held = receiveOne(holder);

            clock.advance(Duration.ofSeconds(30));

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThatThrownBy(() -> holder.complete(held))
                            .isInstanceOfSatisfying(ServiceBusException.class, e -> assertThat(e.getReason())
                                    .isIn(ServiceBusFailureReason.SESSION_LOCK_LOST,
                                            ServiceBusFailureReason.MESSAGE_LOCK_LOST)));
            try (ServiceBusReceiverClient next = replies.acceptSession("s-1")) {
                ServiceBusReceivedMessage again = receiveOne(next);
                assertThat(again.getBody().toString()).isEqualTo("reply");
                assertThat(again.getDeliveryCount()).isEqualTo(1);
            }
            holder.close();
        }
    }
}
