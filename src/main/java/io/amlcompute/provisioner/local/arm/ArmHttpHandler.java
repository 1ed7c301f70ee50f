package io.amlcompute.provisioner.local.arm;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.amlcompute.provisioner.contract.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The wire edge: reads the exchange, applies a fault if a rule matches, lets {@link ArmRouter} answer, records the
 * request (redacted) and writes the response with ARM's correlation headers.
 */
final class ArmHttpHandler implements HttpHandler {

    /** ARM refuses request bodies over 4 MB. */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final ArmRouter router;
    private final FaultRules faults;
    private final RequestLog log;
    private final Clock clock;

    ArmHttpHandler(ArmRouter router, FaultRules faults, RequestLog log, Clock clock) {
        this.router = router;
        this.faults = faults;
        this.log = log;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            IncomingRequest request = read(exchange);
            if (request == null) {
                write(exchange, null, ArmResponse.error(413, ArmError.of("RequestEntityTooLarge",
                        "The request content is larger than " + MAX_BODY_BYTES + " bytes.")));
                return;
            }
            Optional<Fault> fault = faults.take(request.method(), request.path());
            ArmResponse response;
            if (fault.isPresent() && fault.get() instanceof Fault.DropConnection) {
                record(request, RecordedRequest.CONNECTION_DROPPED);
                return;
            }
            if (fault.isPresent() && fault.get() instanceof Fault.Delay delay) {
                if (!sleep(delay.delay())) {
                    record(request, RecordedRequest.CONNECTION_DROPPED);
                    return;
                }
            }
            response = fault.flatMap(f -> faultResponse(f, request)).orElseGet(() -> answer(request));
            if (fault.isPresent() && fault.get() instanceof Fault.LoseResponse) {
                record(request, RecordedRequest.RESPONSE_LOST);
                return;
            }
            record(request, response.status());
            write(exchange, request, response);
        } finally {
            // Closing an exchange whose headers were never sent closes the connection: that is the dropped connection.
            exchange.close();
        }
    }

    private ArmResponse answer(IncomingRequest request) {
        try {
            return router.route(request);
        } catch (RuntimeException e) {
            // A bug in the emulator: answer as ARM would, without echoing anything from the request.
            return ArmResponse.error(HttpURLConnection.HTTP_INTERNAL_ERROR, ArmError.of("InternalServerError",
                    "The ARM emulator failed to handle the request: " + e.getClass().getSimpleName() + "."));
        }
    }

    private static Optional<ArmResponse> faultResponse(Fault fault, IncomingRequest request) {
        if (fault instanceof Fault.Throttle throttle) {
            String seconds = EmulatorSettings.retryAfterSeconds(throttle.retryAfter()).orElse("1");
            String kind = request.isMethod("GET") ? "read" : "write";
            ArmResponse response = ArmResponse.error(429, ArmError.of("SubscriptionRequestsThrottled",
                            "Number of '" + kind + "' requests for the subscription exceeded. Please try again after '"
                                    + seconds + "' seconds."))
                    .withHeader("Retry-After", seconds)
                    .withHeader("x-ms-ratelimit-remaining-subscription-reads", "0");
            return Optional.of(kind.equals("write")
                    ? response.withHeader("x-ms-ratelimit-remaining-subscription-writes", "0") : response);
        }
        if (fault instanceof Fault.ServerError error) {
            String code = switch (error.status()) {
                case 500 -> "InternalServerError";
                case 503 -> "ServiceUnavailable";
                default -> "ServerError";
            };
            return Optional.of(ArmResponse.error(error.status(), ArmError.of(code,
                    "The service encountered a transient error (injected fault " + error.status() + "). Retry later.")));
        }
        if (fault instanceof Fault.ErrorAnswer answer) {
            return Optional.of(ArmResponse.error(answer.status(), ArmError.of(answer.code(), answer.message())));
        }
        return Optional.empty();
    }

    private static boolean sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static IncomingRequest read(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            return null;
        }
        Headers headers = exchange.getRequestHeaders();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        String authorization = headers.getFirst("Authorization");
        return new IncomingRequest(exchange.getRequestMethod().toUpperCase(Locale.ROOT),
                exchange.getRequestURI().getPath(), rawQuery, IncomingRequest.parseQuery(rawQuery),
                headers.getFirst("x-ms-client-request-id"), headers.getFirst("x-ms-correlation-request-id"),
                authorization == null || authorization.isEmpty() ? Optional.empty()
                        : Optional.of(new Secret(authorization)), body);
    }

    private void record(IncomingRequest request, int status) {
        log.add(new RecordedRequest(clock.instant(), request.method(), request.path(), request.rawQuery(),
                request.clientRequestId(), request.correlationRequestId(), request.authorization().isPresent(), status,
                SecretFields.redactForLog(request.body())));
    }

    private static void write(HttpExchange exchange, IncomingRequest request, ArmResponse response)
            throws IOException {
        Headers headers = exchange.getResponseHeaders();
        String requestId = UUID.randomUUID().toString();
        headers.set("x-ms-request-id", requestId);
        // ARM keeps a caller's correlation id and makes one up otherwise (ARM RPC, common-api-details.md).
        headers.set("x-ms-correlation-request-id", request != null && request.correlationRequestId() != null
                ? request.correlationRequestId() : requestId);
        if (request != null && request.clientRequestId() != null) {
            headers.set("x-ms-client-request-id", request.clientRequestId());
        }
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            headers.set(header.getKey(), header.getValue());
        }
        if (response.body() == null) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        byte[] bytes = Json.MAPPER.writeValueAsBytes(response.body());
        headers.set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(response.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
