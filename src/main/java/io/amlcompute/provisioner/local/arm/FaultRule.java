package io.amlcompute.provisioner.local.arm;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Injects a {@link Fault} into requests whose method and path match, for the next {@code times} matching requests
 * or always. Build one with {@link #on(String, String)}:
 *
 * <pre>{@code
 * emulator.faults().add(FaultRule.on("PUT", "/subscriptions/.+/computes/gpu-cluster").throttle(Duration.ofSeconds(2)).times(1));
 * emulator.faults().add(FaultRule.on("*", ".*").serverError(503));            // always, until cleared
 * emulator.faults().add(FaultRule.on("PUT", ".+/computes/gpu-cluster").loseResponse().times(1)); // stored, unanswered
 * }</pre>
 *
 * @param method "*" for any method, else an HTTP method (case-insensitive)
 * @param path   matched against the whole decoded request path (no query)
 * @param times  how many matching requests it applies to; empty means always
 */
public record FaultRule(String method, Pattern path, Fault fault, OptionalInt times) {

    public FaultRule {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(times, "times");
        method = method.toUpperCase(Locale.ROOT);
        if (times.isPresent() && times.getAsInt() < 1) {
            throw new IllegalArgumentException("times must be at least 1, got " + times.getAsInt());
        }
    }

    /** Starts a rule for requests with this method ("*" for any) and a path matching this regular expression. */
    public static Target on(String method, String pathRegex) {
        return new Target(method, Pattern.compile(pathRegex));
    }

    /** This rule for the next {@code n} matching requests only. */
    public FaultRule times(int n) {
        return new FaultRule(method, path, fault, OptionalInt.of(n));
    }

    /** This rule for every matching request until {@link FaultRules#clear()}. */
    public FaultRule always() {
        return new FaultRule(method, path, fault, OptionalInt.empty());
    }

    boolean matches(String requestMethod, String requestPath) {
        return (method.equals("*") || method.equalsIgnoreCase(requestMethod)) && path.matcher(requestPath).matches();
    }

    /** The requests a rule applies to; pick the fault to finish it (it then applies always unless limited). */
    public record Target(String method, Pattern path) {

        public FaultRule throttle(Duration retryAfter) {
            return rule(new Fault.Throttle(retryAfter));
        }

        public FaultRule serverError(int status) {
            return rule(new Fault.ServerError(status));
        }

        /** Answers with this status and ARM error envelope, e.g. {@code error(400, "QuotaExceeded", "...")}. */
        public FaultRule error(int status, String code, String message) {
            return rule(new Fault.ErrorAnswer(status, code, message));
        }

        public FaultRule dropConnection() {
            return rule(new Fault.DropConnection());
        }

        /** Carries the request out, then closes the connection without answering (see {@link Fault.LoseResponse}). */
        public FaultRule loseResponse() {
            return rule(new Fault.LoseResponse());
        }

        public FaultRule delay(Duration delay) {
            return rule(new Fault.Delay(delay));
        }

        private FaultRule rule(Fault fault) {
            return new FaultRule(method, path, fault, OptionalInt.empty());
        }
    }
}
