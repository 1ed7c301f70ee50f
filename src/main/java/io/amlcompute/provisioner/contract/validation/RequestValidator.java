package io.amlcompute.provisioner.contract.validation;

import java.util.List;
import java.util.Objects;

/**
 * The one door every request goes through, in the function and in {@code computectl validate}: structure
 * first, then policy. Policy runs only on structurally valid requests, because it needs their typed values.
 * Thread-safe.
 */
public final class RequestValidator {

    private final RequestParser parser;
    private final RequestPolicy policy;

    public RequestValidator(RequestDefaults defaults, RequestPolicy policy) {
        this.parser = new RequestParser(defaults);
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public Verdict validate(String body, MessageEnvelope envelope) {
        ParseResult result = parser.parse(body, envelope);
        if (result instanceof ParseResult.Unparsed unparsed) {
            return new Verdict.Rejected(unparsed.context(), unparsed.errors());
        }
        if (result instanceof ParseResult.ParsedControl control) {
            List<ValidationError> violations = policy.check(control.control());
            return violations.isEmpty() ? new Verdict.AcceptedControl(control.control(), control.context())
                    : new Verdict.Rejected(control.context(), violations);
        }
        ParseResult.Parsed parsed = (ParseResult.Parsed) result;
        List<ValidationError> violations = policy.check(parsed.request());
        return violations.isEmpty()
                ? new Verdict.Accepted(parsed.request())
                : new Verdict.Rejected(parsed.context(), violations);
    }
}
