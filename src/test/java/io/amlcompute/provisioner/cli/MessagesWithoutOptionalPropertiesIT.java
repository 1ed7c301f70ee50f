package io.amlcompute.provisioner.cli;

import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlcompute.provisioner.config.EntityNames;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.contract.validation.Samples;
import io.amlcompute.provisioner.local.LocalStack;
import io.amlcompute.provisioner.local.LocalStackOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13's finish line on the whole local stack, whose host binds as Azure does: a request sent by
 * {@code computectl send} without {@code --wait}, and one sent with nothing but a body (no MessageId, no
 * application properties, no content type), each get exactly one completion event.
 */
@Timeout(180)
class MessagesWithoutOptionalPropertiesIT {

    @TempDir
    Path dir;

    @Test
    void aComputectlSendWithoutWaitAndABareBodyEachGetExactlyOneEvent() throws Exception {
        try (LocalStack stack = LocalStack.start(LocalStackOptions.defaults().withProvisioningTime(Duration.ofSeconds(1)))) {
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            String sentByCli = "cli-" + suffix;
            String bareBody = "bare-" + suffix;

            Path file = Files.writeString(dir.resolve("request.json"), request("ensure-amlcompute.json", sentByCli,
                    "cli-cluster").toString());
            CliRun.Result send = CliRun.run(Map.of("SERVICEBUS_CONNECTION_STRING", stack.serviceBusConnectionString()),
                    "send", file.toString(), "--no-policy");
            assertThat(send.exitCode()).as(send.err()).isZero();

            ServiceBusClientBuilder client = new ServiceBusClientBuilder()
                    .connectionString(stack.serviceBusConnectionString())
                    .retryOptions(new AmqpRetryOptions().setTryTimeout(Duration.ofSeconds(10)));
            try (ServiceBusSenderClient sender = client.sender().queueName(EntityNames.REQUESTS_QUEUE).buildClient()) {
                // Nothing but a body: no MessageId, CorrelationId, ReplyTo, ContentType or application properties.
                sender.sendMessage(new ServiceBusMessage(request("delete-amlcompute.json", bareBody, "bare-cluster")
                        .toString()));
            }

            List<String> eventRequestIds = eventsUntil(client, List.of(sentByCli, bareBody), Duration.ofSeconds(90));
            assertThat(eventRequestIds).filteredOn(sentByCli::equals).hasSize(1);
            assertThat(eventRequestIds).filteredOn(bareBody::equals).hasSize(1);
        }
    }

    private static ObjectNode request(String sample, String requestId, String computeName) throws Exception {
        ObjectNode request = (ObjectNode) Json.MAPPER.readTree(Samples.text(sample));
        request.put("requestId", requestId);
        ((ObjectNode) request.path("compute")).put("name", computeName);
        return request;
    }

    /** The requestIds of the events on the catch-all subscription, until each wanted one came and 5 s more passed. */
    private static List<String> eventsUntil(ServiceBusClientBuilder client, List<String> wanted, Duration atMost) {
        List<String> seen = new ArrayList<>();
        Instant deadline = Instant.now().plus(atMost);
        Instant settle = null;
        try (ServiceBusReceiverClient receiver = client.receiver().topicName(EntityNames.EVENTS_TOPIC)
                .subscriptionName(EntityNames.ALL_EVENTS_SUBSCRIPTION)
                .receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE).buildClient()) {
            while (Instant.now().isBefore(settle != null ? settle : deadline)) {
                for (ServiceBusReceivedMessage message : receiver.receiveMessages(10, Duration.ofSeconds(1))) {
                    seen.add(String.valueOf(message.getApplicationProperties().get("requestId")));
                }
                if (settle == null && seen.containsAll(wanted)) {
                    settle = Instant.now().plusSeconds(5);
                }
            }
        }
        return seen;
    }
}
