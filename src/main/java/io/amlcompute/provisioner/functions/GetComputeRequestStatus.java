package io.amlcompute.provisioner.functions;

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
import com.microsoft.durabletask.OrchestrationMetadata;
import com.microsoft.durabletask.azurefunctions.DurableClientContext;
import com.microsoft.durabletask.azurefunctions.DurableClientInput;
import io.amlcompute.provisioner.provisioning.RequestIntake;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Status API: {@code GET /api/compute-requests/{requestId}} answers the request's runtime status, its progress,
 * and its completion event once done; 404 for an unknown id. Function-level auth: callers need a function key.
 */
public final class GetComputeRequestStatus {

    public static final String NAME = "GetComputeRequestStatus";
    public static final String ROUTE = "compute-requests/{requestId}";
    private static final Pattern REQUEST_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$");

    @FunctionName(NAME)
    public HttpResponseMessage run(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.FUNCTION,
                    route = ROUTE) HttpRequestMessage<Optional<String>> request,
            @BindingName("requestId") String requestId,
            @DurableClientInput(name = "durableContext") DurableClientContext durableContext,
            ExecutionContext context) {
        if (requestId == null || !REQUEST_ID.matcher(requestId).matches()) {
            return json(request, HttpStatus.BAD_REQUEST,
                    "{\"error\":{\"code\":\"INVALID_REQUEST_ID\",\"message\":\"Not a request id.\"}}");
        }
        try (DurableTaskClient client = durableContext.getClient()) {
            OrchestrationMetadata metadata = client.getInstanceMetadata(RequestIntake.instanceIdFor(requestId), true);
            if (!metadata.isInstanceFound()) {
                return json(request, HttpStatus.NOT_FOUND, "{\"error\":{\"code\":\"REQUEST_NOT_FOUND\",\"message\":"
                        + "\"No request with this id is known (it may have been rejected, or not received yet).\"}}");
            }
            return json(request, HttpStatus.OK, RequestStatusView.of(requestId, metadata).toString());
        }
    }

    private static HttpResponseMessage json(HttpRequestMessage<Optional<String>> request, HttpStatus status,
                                            String body) {
        return request.createResponseBuilder(status).header("Content-Type", "application/json").body(body).build();
    }
}
