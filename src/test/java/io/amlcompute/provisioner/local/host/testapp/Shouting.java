package io.amlcompute.provisioner.local.host.testapp;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.durabletask.DurableTaskClient;
import com.microsoft.durabletask.NewOrchestrationInstanceOptions;
import com.microsoft.durabletask.OrchestrationMetadata;
import com.microsoft.durabletask.OrchestrationRuntimeStatus;
import com.microsoft.durabletask.TaskFailedException;
import com.microsoft.durabletask.TaskOrchestrationContext;
import com.microsoft.durabletask.azurefunctions.DurableActivityTrigger;
import com.microsoft.durabletask.azurefunctions.DurableClientContext;
import com.microsoft.durabletask.azurefunctions.DurableClientInput;
import com.microsoft.durabletask.azurefunctions.DurableOrchestrationTrigger;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Durable functions of the test app: a starter, orchestrators and activities. */
public final class Shouting {

    /** Starts an orchestration with the id and input from the route, through the Durable client binding. */
    @FunctionName("StartShout")
    public HttpResponseMessage start(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, authLevel = AuthorizationLevel.ANONYMOUS,
                    route = "shouts/{orchestration}/{id}") HttpRequestMessage<Optional<String>> request,
            @BindingName("orchestration") String orchestration,
            @BindingName("id") String id,
            @DurableClientInput(name = "durableContext") DurableClientContext durableContext) {
        try (DurableTaskClient client = durableContext.getClient()) {
            client.scheduleNewOrchestrationInstance(orchestration,
                    new NewOrchestrationInstanceOptions().setInstanceId(id).setInput(request.getBody().orElse("")));
            return request.createResponseBuilder(HttpStatus.ACCEPTED).body(id).build();
        }
    }

    /** Answers an orchestration's output once it completes, through the Durable client binding. */
    @FunctionName("AwaitShout")
    public HttpResponseMessage await(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.ANONYMOUS,
                    route = "shouts/{id}") HttpRequestMessage<Optional<String>> request,
            @BindingName("id") String id,
            @DurableClientInput(name = "durableContext") DurableClientContext durableContext) throws Exception {
        try (DurableTaskClient client = durableContext.getClient()) {
            OrchestrationMetadata done = client.waitForInstanceCompletion(id, Duration.ofSeconds(30), true);
            return request.createResponseBuilder(HttpStatus.OK)
                    .body(done.getRuntimeStatus() + ":" + (done.getRuntimeStatus() == OrchestrationRuntimeStatus.COMPLETED
                            ? done.readOutputAs(String.class)
                            : done.getFailureDetails().getErrorType() + ": " + done.getFailureDetails().getErrorMessage()))
                    .build();
        }
    }

    /** Returns the shouted input; the return value is the orchestration output. */
    @FunctionName("Shout")
    public String shout(@DurableOrchestrationTrigger(name = "ctx") TaskOrchestrationContext ctx) {
        String input = ctx.getInput(String.class);
        String upper = ctx.callActivity("Upper", input, String.class).await();
        return ctx.callActivity("Exclaim", upper, String.class).await();
    }

    /** Calls an activity that throws an exception without a message, then reports what it saw. */
    @FunctionName("ExplodeQuietly")
    public String explodeQuietly(@DurableOrchestrationTrigger(name = "ctx") TaskOrchestrationContext ctx) {
        try {
            ctx.callActivity("Explode", "boom", String.class).await();
            return "no failure";
        } catch (TaskFailedException e) {
            return e.getErrorDetails().getErrorType() + " | " + e.getErrorDetails().getErrorMessage();
        }
    }

    /** Passes an object to an activity and returns what the activity answered, as JSON. */
    @FunctionName("MeasureShout")
    public String measureShout(@DurableOrchestrationTrigger(name = "ctx") TaskOrchestrationContext ctx) {
        return ctx.callActivity("Measure", Map.of("text", ctx.getInput(String.class)), JsonNode.class).await()
                .toString();
    }

    /** Fails the orchestration with an exception of its own. */
    @FunctionName("Crash")
    public String crash(@DurableOrchestrationTrigger(name = "ctx") TaskOrchestrationContext ctx) {
        throw new IllegalArgumentException("the orchestrator does not like " + ctx.getInput(String.class));
    }

    /** Echoes the raw input text it was given and its length, as a map the worker writes with Gson. */
    @FunctionName("Measure")
    public Map<String, Object> measure(@DurableActivityTrigger(name = "request") String json) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("input", json);
        answer.put("length", json.length());
        return answer;
    }

    @FunctionName("Upper")
    public String upper(@DurableActivityTrigger(name = "text") String text, ExecutionContext context) {
        return text.toUpperCase();
    }

    /** Appends to whatever text it receives (in Azure: the scheduled input's JSON, quotes included). */
    @FunctionName("Exclaim")
    public String exclaim(@DurableActivityTrigger(name = "text") String text) {
        return text + "!";
    }

    @FunctionName("Explode")
    public String explode(@DurableActivityTrigger(name = "text") String text) {
        throw new IllegalStateException();
    }
}
