package io.amlcompute.provisioner.local.host.worker;

import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The worker's response builder, which is also the response ({@code RpcHttpDataTarget} at
 * {@value JavaWorker#SOURCE}): 200 until told otherwise; headers kept as set, case-sensitively, a repeated name
 * overwriting; a status outside 100-599 refused with the worker's message. Only this class becomes an http
 * return value; any other {@code HttpResponseMessage} the function builds itself would be written as json.
 */
final class WorkerHttpResponse implements HttpResponseMessage, HttpResponseMessage.Builder {

    private HttpStatusType status = HttpStatus.OK;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Object body;

    @Override
    public WorkerHttpResponse status(HttpStatusType newStatus) {
        int code = newStatus.value();
        if (code < 100 || code > 599) {
            throw new IllegalArgumentException("Invalid HTTP Status code class. Valid classes are in the range of 1xx,"
                    + " 2xx, 3xx, 4xx and 5xx.");
        }
        this.status = newStatus;
        return this;
    }

    @Override
    public WorkerHttpResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    @Override
    public WorkerHttpResponse body(Object newBody) {
        this.body = newBody;
        return this;
    }

    @Override
    public HttpResponseMessage build() {
        return this;
    }

    @Override
    public HttpStatusType getStatus() {
        return status;
    }

    @Override
    public String getHeader(String name) {
        return headers.get(name);
    }

    @Override
    public Object getBody() {
        return body;
    }

    Map<String, String> headers() {
        return headers;
    }
}
