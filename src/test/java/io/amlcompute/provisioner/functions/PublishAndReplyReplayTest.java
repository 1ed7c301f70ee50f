package io.amlcompute.provisioner.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationStatus;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorAction;
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
import io.amlcompute.provisioner.local.servicebus.ServiceBusEmulatorConfig;
import io.amlcompute.provisioner.provisioning.ActionResult;
import io.amlcompute.provisioner.provisioning.ProvisioningInput;
import io.amlcompute.provisioner.provisioning.StatusRead;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The end of the process through the real orchestrator and replay engine (issue 15): the topic's event and the
 * reply are separate steps, so a reply queue that keeps failing can never make the topic's event go out twice, and
 * the duplicate-detection window of the topic and the replies queue outlasts the publish retries anyway. And the
 * monitor loop carries only the compute's address into the history, not the request.
 */
class PublishAndReplyReplayTest {

    private static final Instant START = Instant.parse("2026-12-04T10:00:00Z");

    @Test
    void aReplyThatNeverGetsThroughIsRetriedAloneAndTheRequestStillEndsWithItsOneTopicEvent() throws Exception {
        ComputeRequest request = request();
        List<String> topicPublishes = new ArrayList<>();
        List<String> replyAttempts = new ArrayList<>();
        ReplayDriver driver = new ReplayDriver(request.requestId(), START, (name, in) -> switch (name) {
            case PerformComputeAction.NAME -> new ActionResult.Done(Outcome.CREATED, List.of(),
                    new ComputeStatus("Succeeded", "Steady", null, List.of()));
            case PublishCompletion.NAME -> {
                topicPublishes.add(in);
                yield "published";
            }
            case PublishReply.NAME -> {
                replyAttempts.add(in);
                yield new ReplayDriver.Failure("ServiceBusException", "The messaging entity could not be found");
            }
            default -> throw new AssertionError("unexpected activity " + name);
        });

        OrchestratorAction end = driver.run(new ProvisioningInput(RequestWriter.toJson(request), "compute-replies",
                "session-1"));

        assertThat(topicPublishes).as("the topic's event is published once").hasSize(1);
        assertThat(replyAttempts).hasSize(OrchestrationSteps.PUBLISH_RETRIES.getRetryPolicy().getMaxNumberOfAttempts());
        assertThat(Json.MAPPER.readTree(replyAttempts.get(0)).path("replySessionId").asText()).isEqualTo("session-1");
        assertThat(end.getCompleteOrchestration().getOrchestrationStatus())
                .isEqualTo(OrchestrationStatus.ORCHESTRATION_STATUS_COMPLETED);
        JsonNode lastStatus = Json.MAPPER.readTree(driver.customStatuses.get(driver.customStatuses.size() - 1));
        assertThat(lastStatus.path("phase").asText()).isEqualTo("DONE");
        assertThat(lastStatus.path("replyFailure").asText())
                .isEqualTo("PublishReply failed: ServiceBusException: The messaging entity could not be found");
    }

    @Test
    void theEventsDuplicateDetectionWindowOutlastsThePublishRetriesLocallyAndInTheBicep() throws Exception {
        Duration retries = retrySpan();

        ServiceBusEmulatorConfig local = ServiceBusEmulatorConfig.appDefaults();
        assertThat(local.topics()).filteredOn(t -> t.name().equals("compute-events")).singleElement()
                .satisfies(t -> assertThat(t.duplicateDetectionHistoryTimeWindow()).isGreaterThan(retries));
        assertThat(local.queues()).filteredOn(q -> q.name().equals("compute-replies")).singleElement()
                .satisfies(q -> assertThat(q.duplicateDetectionHistoryTimeWindow()).isGreaterThan(retries));
        Matcher bicep = Pattern.compile("param eventsDuplicateDetectionWindow string = '([^']+)'")
                .matcher(Files.readString(Path.of("infra/main.bicep")));
        assertThat(bicep.find()).isTrue();
        assertThat(Duration.parse(bicep.group(1))).isGreaterThan(retries);
    }

    @Test
    void statusReadsCarryOnlyTheComputesAddressIntoTheHistory() throws Exception {
        ComputeRequest request = request();
        List<String> readInputs = new ArrayList<>();
        ReplayDriver driver = new ReplayDriver(request.requestId(), START, (name, in) -> switch (name) {
            case PerformComputeAction.NAME -> new ActionResult.Done(Outcome.CREATED, List.of(),
                    new ComputeStatus("Creating", null, null, List.of()));
            case ReadComputeStatus.NAME -> {
                readInputs.add(in);
                yield readInputs.size() < 10 ? new StatusRead.Found(new ComputeStatus("Succeeded", "Resizing", null, List.of()))
                        : new StatusRead.Found(new ComputeStatus("Succeeded", "Steady", null, List.of()));
            }
            case PublishCompletion.NAME -> "published";
            default -> throw new AssertionError("unexpected activity " + name);
        });

        driver.run(new ProvisioningInput(RequestWriter.toJson(request), null, null));

        assertThat(readInputs).hasSize(10).allSatisfy(input -> {
            JsonNode query = Json.MAPPER.readTree(input);
            assertThat(query.path("computeName").asText()).isEqualTo(request.computeName());
            assertThat(query.has("compute")).as("not the request").isFalse();
            assertThat(input).doesNotContain("vmSize").doesNotContain("adminUser").doesNotContain("tags");
        });
        assertThat(readInputs.get(0).length()).isLessThan(RequestWriter.toJson(request).length() / 2);
    }

    /** The waits between the publish attempts, as durabletask 1.4.0 computes them (PublishFailureReplayTest pins it). */
    private static Duration retrySpan() {
        Duration span = Duration.ZERO;
        var policy = OrchestrationSteps.PUBLISH_RETRIES.getRetryPolicy();
        for (int retry = 1; retry < policy.getMaxNumberOfAttempts(); retry++) {
            Duration delay = Duration.ofMillis((long) (policy.getFirstRetryInterval().toMillis()
                    * Math.pow(policy.getBackoffCoefficient(), retry)));
            span = span.plus(delay.compareTo(policy.getMaxRetryInterval()) > 0 ? policy.getMaxRetryInterval() : delay);
        }
        return span;
    }

    private static ComputeRequest request() {
        return ((ParseResult.Parsed) new RequestParser(RequestDefaults.standard())
                .parse(Samples.text("ensure-amlcompute.json"), MessageEnvelope.NONE)).request();
    }
}
