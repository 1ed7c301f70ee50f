package io.amlcompute.provisioner.local.host.worker;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import java.lang.reflect.Type;
import java.net.URI;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The {@link HttpRequestMessage} the worker builds from an {@link RpcHttp} request
 * ({@code RpcHttpRequestDataSource.HttpRequestMessageImpl} at {@value JavaWorker#SOURCE}): the URI parsed from the
 * url; the headers and query exactly as the host sent them, looked up case-sensitively (the host lower-cases header
 * names, so {@code getHeaders().get("X-Test")} finds nothing in Azure); the body converted to the declared type
 * argument by the ordinary conversion rules. Route values are not reachable here, only through {@code @BindingName}.
 */
final class WorkerHttpRequest<T> implements HttpRequestMessage<T> {

    private final RpcHttp http;
    private final T body;

    private WorkerHttpRequest(RpcHttp http, T body) {
        this.http = http;
        this.body = body;
    }

    /** The request for a parameter of type {@code HttpRequestMessage<bodyType>}. */
    @SuppressWarnings("unchecked")
    static Function<RpcHttp, HttpRequestMessage<?>> factoryFor(Type bodyType) {
        return http -> new WorkerHttpRequest<>(http,
                WorkerConversion.convert(http.body(), bodyType, unused -> {
                    throw new ClassCastException("an http body cannot be an http value");
                }));
    }

    @Override
    public URI getUri() {
        return URI.create(http.url());
    }

    @Override
    public HttpMethod getHttpMethod() {
        return HttpMethod.value(http.method());
    }

    @Override
    public Map<String, String> getHeaders() {
        return Collections.unmodifiableMap(http.headers());
    }

    @Override
    public Map<String, String> getQueryParameters() {
        return Collections.unmodifiableMap(http.query());
    }

    @Override
    public T getBody() {
        return body;
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) {
        return new WorkerHttpResponse().status(Objects.requireNonNull(status, "status"));
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
        return new WorkerHttpResponse().status(Objects.requireNonNull(status, "status"));
    }
}
