package io.amlcompute.provisioner.local.host;

import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@link HttpResponseMessage} built by {@link HttpResponseMessage.Builder} from a local request. Header names are
 * matched case-insensitively; a header set twice keeps the last value.
 */
final class LocalHttpResponse implements HttpResponseMessage {

    private final HttpStatusType status;
    private final Map<String, String> headers;
    private final Object body;

    private LocalHttpResponse(HttpStatusType status, Map<String, String> headers, Object body) {
        this.status = status;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        this.body = body;
    }

    @Override
    public HttpStatusType getStatus() {
        return status;
    }

    @Override
    public String getHeader(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    /** Every header, in the order first set. */
    Map<String, String> headers() {
        return headers;
    }

    @Override
    public Object getBody() {
        return body;
    }

    /** Builds a response; starts as 200 OK with no headers and no body. */
    static final class Builder implements HttpResponseMessage.Builder {

        private HttpStatusType status = HttpStatus.OK;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Object body;

        @Override
        public Builder status(HttpStatusType newStatus) {
            this.status = Objects.requireNonNull(newStatus, "status");
            return this;
        }

        @Override
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "name");
            headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
            headers.put(name, value);
            return this;
        }

        @Override
        public Builder body(Object newBody) {
            this.body = newBody;
            return this;
        }

        @Override
        public LocalHttpResponse build() {
            return new LocalHttpResponse(status, headers, body);
        }
    }
}
