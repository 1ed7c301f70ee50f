package io.amlcompute.provisioner.local.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.StringValue;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ActivityRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ActivityResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationInstance;
import io.amlcompute.provisioner.local.host.worker.InvocationResult;
import io.amlcompute.provisioner.local.host.worker.TypedData;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the Durable extension does around a Java activity (D3-D6 in docs/local/functions-host.md). */
class DurableActivityBindingTest {

    @Test
    void theInputIsTheScheduledJsonCompactedAndNeverUnwrapped() {
        assertThat(DurableActivityBinding.triggerValue(request("\"abc\""))).isEqualTo(new TypedData.Text("\"abc\""));
        assertThat(DurableActivityBinding.triggerValue(request("{ \"a\" : 1 }"))).isEqualTo(new TypedData.Text("{\"a\":1}"));
        assertThat(DurableActivityBinding.triggerValue(ActivityRequest.newBuilder().setName("A").build()))
                .isEqualTo(new TypedData.None());
    }

    @Test
    void theMetadataHasTheInstanceIdTheTriggerNameDataAndAnObjectInputsFields() {
        Map<String, TypedData> metadata = DurableActivityBinding.triggerMetadata(request("{\"requestId\":\"r-1\",\"n\":2}"),
                "request");

        assertThat(metadata).containsEntry("instanceId", new TypedData.Text("instance-1"))
                .containsEntry("request", new TypedData.Text("{\"requestId\":\"r-1\",\"n\":2}"))
                .containsEntry("data", new TypedData.Json("{\"requestId\":\"r-1\",\"n\":2}"))
                .containsEntry("requestId", new TypedData.Text("r-1"))
                .containsEntry("n", new TypedData.Text("2"));
    }

    @Test
    void aStringResultBecomesAJsonStringLiteralJsonStaysAndNullStoresNothing() {
        assertThat(DurableActivityBinding.serializedOutput(new TypedData.Text("Hello"))).isEqualTo("\"Hello\"");
        assertThat(DurableActivityBinding.serializedOutput(new TypedData.Text("{\"a\":1}"))).isEqualTo("\"{\\\"a\\\":1}\"");
        assertThat(DurableActivityBinding.serializedOutput(new TypedData.Json("{ \"a\" : 1 }"))).isEqualTo("{\"a\":1}");
        assertThat(DurableActivityBinding.serializedOutput(new TypedData.Json("null"))).isNull();
        assertThat(DurableActivityBinding.serializedOutput(new TypedData.Int(5))).isEqualTo("5");
    }

    @Test
    void aFailureIsParsedIntoTheRootCausesTypeAndTheFirstLineOfItsMessage() {
        ActivityResponse response = DurableActivityBinding.response(request("{}"), new InvocationResult.Failure(
                "IllegalArgumentException: activity input is not a valid request\nsecond line", "the stack"));

        assertThat(response.getFailureDetails().getErrorType()).isEqualTo("IllegalArgumentException");
        assertThat(response.getFailureDetails().getErrorMessage()).isEqualTo("activity input is not a valid request");
        assertThat(response.getFailureDetails().getStackTrace().getValue()).isEqualTo("the stack");
        ActivityResponse untyped = DurableActivityBinding.response(request("{}"),
                new InvocationResult.Failure("no separator here", ""));
        assertThat(untyped.getFailureDetails().getErrorType()).isEqualTo("(unknown)");
    }

    private static ActivityRequest request(String input) {
        return ActivityRequest.newBuilder().setName("Activity").setTaskId(3).setInput(StringValue.of(input))
                .setOrchestrationInstance(OrchestrationInstance.newBuilder().setInstanceId("instance-1")).build();
    }
}
