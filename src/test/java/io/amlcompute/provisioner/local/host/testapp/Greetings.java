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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** HTTP functions of the test app: they echo what the host bound (the worker's Gson leaves out null values). */
public final class Greetings {

    @FunctionName("Greet")
    public HttpResponseMessage greet(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET, HttpMethod.POST},
                    authLevel = AuthorizationLevel.FUNCTION, route = "greetings/{name}")
            HttpRequestMessage<Optional<String>> request,
            @BindingName("name") String name,
            @BindingName("style") String style,
            ExecutionContext context) {
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put("name", name);
        echo.put("style", style);
        echo.put("method", request.getHttpMethod().name());
        echo.put("body", request.getBody().orElse("<none>"));
        echo.put("header", request.getHeaders().get("x-test-header"));
        echo.put("headerAsSent", request.getHeaders().get("X-Test-Header"));
        echo.put("uri", uriOf(request));
        echo.put("function", context.getFunctionName());
        echo.put("invocationId", context.getInvocationId());
        return request.createResponseBuilder(HttpStatus.CREATED).header("X-Greeted", name).body(echo).build();
    }

    private static String uriOf(HttpRequestMessage<?> request) {
        try {
            return request.getUri().toString();
        } catch (IllegalArgumentException e) {
            return "unparseable: " + e.getMessage();
        }
    }

    @FunctionName("Health")
    public String health(@HttpTrigger(name = "request", methods = {HttpMethod.GET},
            authLevel = AuthorizationLevel.ANONYMOUS, route = "health") HttpRequestMessage<String> request) {
        return "healthy";
    }

    @FunctionName("Broken")
    public HttpResponseMessage broken(@HttpTrigger(name = "request", methods = {HttpMethod.GET},
            authLevel = AuthorizationLevel.ANONYMOUS, route = "broken") HttpRequestMessage<Optional<String>> request) {
        throw new IllegalStateException("secret detail that must not leave the host");
    }
}
