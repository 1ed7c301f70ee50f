package io.amlcompute.provisioner.arm;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.contract.ComputeOperation;
import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.contract.OnExisting;
import io.amlcompute.provisioner.contract.OnFailedLeftover;
import io.amlcompute.provisioner.contract.RequestOptions;
import io.amlcompute.provisioner.contract.event.Outcome;
import io.amlcompute.provisioner.local.arm.FaultRule;
import io.amlcompute.provisioner.local.arm.RecordedRequest;
import io.amlcompute.provisioner.provisioning.ActionResult;
import io.amlcompute.provisioner.provisioning.ComputeActions;
import io.amlcompute.provisioner.provisioning.CreatorMark;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static io.amlcompute.provisioner.arm.EmulatedArm.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The same answer whether or not the process died: ARM stores a create or attach PUT, and its answer never reaches
 * the action (the emulator closes the connection after storing it, as a timeout or reset would). Whether the
 * gateway's own retry meets ARM's 409, or the step runs again after a crash and finds the compute, the request
 * continues as the compute's creator ({@code created}, {@code attached}), with {@code onExisting} reuse and fail
 * alike, over HTTP through the real gateway. A compute of another request is still somebody else's.
 */
class CrashAfterPutOverArmTest {

    private static final String REQUEST_ID = "req-crash-001";

    private EmulatedArm arm;

    @AfterEach
    void stop() {
        if (arm != null) {
            arm.close();
        }
    }

    static Stream<Arguments> writes() {
        return Stream.of(
                arguments("ensure, reuse", EmulatedArm.cluster("cpu-cluster", "STANDARD_DS3_V2", 0, 2),
                        OnExisting.REUSE, Outcome.CREATED),
                arguments("ensure, fail", EmulatedArm.cluster("cpu-cluster", "STANDARD_DS3_V2", 0, 2),
                        OnExisting.FAIL, Outcome.CREATED),
                arguments("attach, reuse", EmulatedArm.virtualMachine("dsvm"), OnExisting.REUSE, Outcome.ATTACHED),
                arguments("attach, fail", EmulatedArm.virtualMachine("dsvm"), OnExisting.FAIL, Outcome.ATTACHED));
    }

    private ActionResult perform(ComputeActions actions, String requestId, ComputeOperation operation,
                                 OnExisting onExisting) {
        return actions.perform(new ComputeRequest(requestId, "corr-crash", EmulatedArm.WORKSPACE, operation,
                new RequestOptions(Duration.ofMinutes(30), 0, onExisting, OnFailedLeftover.FAIL)));
    }

    private void loseTheAnswerToThePutOf(ComputeOperation operation) {
        arm.emulator.faults().add(FaultRule.on("PUT", ".*/computes/" + operation.computeName()).loseResponse().times(1));
    }

    private List<RecordedRequest> putsSent() {
        return arm.computeRequests().stream().filter(r -> r.method().equals("PUT")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writes")
    void aLostPutAnswerRetriedWhileArmIsStillCreatingEndsAsTheCreator(String name, ComputeOperation operation,
                                                                      OnExisting onExisting, Outcome outcome) {
        // Provisioning takes 10 s: the retried PUT meets 409 "another operation on same entity is already running".
        arm = EmulatedArm.start();
        loseTheAnswerToThePutOf(operation);

        ActionResult result = perform(new ComputeActions(arm.gateway), REQUEST_ID, operation, onExisting);

        assertThat(result).isInstanceOf(ActionResult.Done.class);
        assertThat(((ActionResult.Done) result).outcome()).isEqualTo(outcome);
        assertThat(((ActionResult.Done) result).drift()).isEmpty();
        assertThat(putsSent()).extracting(RecordedRequest::status).containsExactly(RecordedRequest.RESPONSE_LOST, 409);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writes")
    void aLostPutAnswerRetriedIntoArmsNameCollisionEndsAsTheCreator(String name, ComputeOperation operation,
                                                                    OnExisting onExisting, Outcome outcome) {
        // Provisioning is instant: the retried PUT meets 409 "Compute with this name already exists".
        arm = EmulatedArm.start(b -> b.provisioningTime(Duration.ZERO));
        loseTheAnswerToThePutOf(operation);

        ActionResult result = perform(new ComputeActions(arm.gateway), REQUEST_ID, operation, onExisting);

        assertThat(result).isInstanceOf(ActionResult.Done.class);
        assertThat(((ActionResult.Done) result).outcome()).isEqualTo(outcome);
        assertThat(((ActionResult.Done) result).drift()).isEmpty();
        assertThat(putsSent()).extracting(RecordedRequest::status).containsExactly(RecordedRequest.RESPONSE_LOST, 409);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writes")
    void aStepThatDiedAfterArmStoredItsPutEndsAsTheCreatorWhenItRunsAgain(String name, ComputeOperation operation,
                                                                        OnExisting onExisting, Outcome outcome) {
        // No retries in the gateway: the lost answer ends the step, as the process dying there would.
        arm = EmulatedArm.start(b -> { }, g -> g.retry(new RetrySettings(1, Duration.ofSeconds(1),
                Duration.ofSeconds(8), Duration.ofSeconds(30), wait -> { })));
        loseTheAnswerToThePutOf(operation);
        ComputeActions firstRun = new ComputeActions(arm.gateway);
        ActionResult died = perform(firstRun, REQUEST_ID, operation, onExisting);
        assertThat(died).as("no result: the step has to run again").isInstanceOf(ActionResult.Wait.class);

        ActionResult again = perform(new ComputeActions(arm.gateway), REQUEST_ID, operation, onExisting);

        assertThat(again).isInstanceOf(ActionResult.Done.class);
        assertThat(((ActionResult.Done) again).outcome()).isEqualTo(outcome);
        assertThat(((ActionResult.Done) again).status().provisioningState()).isEqualTo("Creating");
        assertThat(putsSent()).as("one PUT, stored once").extracting(RecordedRequest::status)
                .containsExactly(RecordedRequest.RESPONSE_LOST);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writes")
    void aComputeAnotherRequestCreatedIsStillSomebodyElses(String name, ComputeOperation operation,
                                                          OnExisting onExisting, Outcome outcome) {
        arm = EmulatedArm.start();
        perform(new ComputeActions(arm.gateway), "req-other-001", operation, OnExisting.REUSE);

        ActionResult result = perform(new ComputeActions(arm.gateway), REQUEST_ID, operation, onExisting);

        if (onExisting == OnExisting.FAIL) {
            assertThat(result).isInstanceOf(ActionResult.Failed.class);
            assertThat(((ActionResult.Failed) result).errors()).extracting(ComputeStatus.ErrorInfo::code)
                    .containsExactly("ComputeExists");
        } else {
            assertThat(((ActionResult.Done) result).outcome()).isEqualTo(Outcome.EXISTING);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writes")
    void everyPutCarriesTheRequestThatSentItAsATagThatArmReturns(String name, ComputeOperation operation,
                                                                OnExisting onExisting, Outcome outcome)
            throws IOException {
        arm = EmulatedArm.start();

        perform(new ComputeActions(arm.gateway), REQUEST_ID, operation, onExisting);

        JsonNode tags = Json.MAPPER.readTree(putsSent().get(0).body()).path("tags");
        assertThat(tags.path(CreatorMark.TAG).asText()).isEqualTo(REQUEST_ID);
        assertThat(arm.gateway.get(address(operation.computeName()), "check").orElseThrow().tags())
                .containsEntry(CreatorMark.TAG, REQUEST_ID);
        if (operation.computeName().equals("cpu-cluster")) {
            assertThat(tags.path("team").asText()).as("the request's own tags stay").isEqualTo("forecasting");
        }
    }
}
