package io.amlcompute.provisioner.functions;

import com.microsoft.durabletask.RetryPolicy;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.CompleteOrchestrationAction;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationStatus;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorAction;
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
import io.amlcompute.provisioner.provisioning.ProvisioningInput;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ADR 0004's one path without an event: Service Bus refuses every publish. The orchestrator must retry
 * PublishCompletion exactly as {@link OrchestrationSteps#PUBLISH_RETRIES} says, then end Failed with a failure
 * that names the publish step, so the status API can show why no event came.
 */
class PublishFailureReplayTest {

    private static final Instant START = Instant.parse("2026-11-29T10:00:00Z");

    @Test
    void publishThatAlwaysFailsIsRetriedPerPolicyThenTheOrchestrationFailsAndItsStatusNamesThePublishStep() throws Exception {
        ParseResult.Parsed parsed = (ParseResult.Parsed) new RequestParser(RequestDefaults.standard())
                .parse(Samples.text("ensure-amlcompute.json"), MessageEnvelope.NONE);
        List<String> publishAttempts = new ArrayList<>();
        ReplayDriver driver = new ReplayDriver(parsed.request().requestId(), START, (name, in) -> switch (name) {
            case PerformComputeAction.NAME -> (new ActionResult.Done(Outcome.CREATED, List.of(),
                    new ComputeStatus("Succeeded", "Steady", null, List.of())));
            case PublishCompletion.NAME -> {
                publishAttempts.add(in);
                // The Durable extension's failure type for a Java activity: the root cause's simple class name.
                yield new ReplayDriver.Failure("ServiceBusException", "The messaging entity could not be found");
            }
            default -> throw new AssertionError("unexpected activity " + name);
        });

        OrchestratorAction end = driver.run(new ProvisioningInput(RequestWriter.toJson(parsed.request()), null, null));

        RetryPolicy policy = OrchestrationSteps.PUBLISH_RETRIES.getRetryPolicy();
        assertThat(policy.getMaxNumberOfAttempts()).as("the ADR's policy").isEqualTo(12);
        assertThat(publishAttempts).hasSize(policy.getMaxNumberOfAttempts()).containsOnly(publishAttempts.get(0));
        assertThat(driver.scheduledActivities()).filteredOn(PublishCompletion.NAME::equals)
                .hasSize(policy.getMaxNumberOfAttempts());
        // The ready cluster needs no polling, so every timer is a publish retry delay.
        assertThat(driver.timerLengths()).containsExactlyElementsOf(retryDelays(policy));
        // ADR 0004 says "about 40 minutes": with 1.4.0's delays that is 35m10s of timers between the attempts.
        assertThat(driver.timerLengths().stream().reduce(Duration.ZERO, Duration::plus))
                .isEqualTo(Duration.ofMinutes(35).plusSeconds(10));

        CompleteOrchestrationAction completion = end.getCompleteOrchestration();
        assertThat(completion.getOrchestrationStatus()).isEqualTo(OrchestrationStatus.ORCHESTRATION_STATUS_FAILED);
        assertThat(completion.hasResult()).as("no event as output").isFalse();
        // durabletask-azure-functions 1.4.0 wraps whatever escapes the orchestrator: this is all Azure records...
        assertThat(completion.getFailureDetails().getErrorType()).isEqualTo("java.lang.RuntimeException");
        assertThat(completion.getFailureDetails().getErrorMessage()).isEqualTo("Unexpected failure in the task execution");
        // ...so the reason is kept in the last custom status, where the status API shows it.
        assertThat(Json.MAPPER.readTree(driver.customStatuses.get(driver.customStatuses.size() - 1))
                .path("publishFailure").asText())
                .isEqualTo("PublishCompletion failed: ServiceBusException: The messaging entity could not be found");
    }

    /**
     * The delay before retry n (1-based) as durabletask-java 1.4.0 computes it: first × coefficient^n, capped at
     * the max interval. The engine counts the failed attempt before computing, so even the first retry waits
     * first × coefficient (10 s here), not the first retry interval itself.
     */
    private static List<Duration> retryDelays(RetryPolicy policy) {
        List<Duration> delays = new ArrayList<>();
        for (int retry = 1; retry < policy.getMaxNumberOfAttempts(); retry++) {
            long millis = (long) (policy.getFirstRetryInterval().toMillis() * Math.pow(policy.getBackoffCoefficient(), retry));
            Duration delay = Duration.ofMillis(millis);
            delays.add(delay.compareTo(policy.getMaxRetryInterval()) > 0 ? policy.getMaxRetryInterval() : delay);
        }
        return delays;
    }
}
