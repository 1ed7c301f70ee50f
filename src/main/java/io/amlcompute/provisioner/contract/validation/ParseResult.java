package io.amlcompute.provisioner.contract.validation;

import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.ControlRequest;

import java.util.List;

/** The outcome of reading a request: a complete compute or control request, or every problem found. */
public sealed interface ParseResult {

    RequestContext context();

    record Parsed(ComputeRequest request, RequestContext context) implements ParseResult {
    }

    /** A complete control request (renew, release, cancel). */
    record ParsedControl(ControlRequest control, RequestContext context) implements ParseResult {
    }

    record Unparsed(RequestContext context, List<ValidationError> errors) implements ParseResult {
        public Unparsed {
            errors = List.copyOf(errors);
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("an unparsed request has at least one error");
            }
        }
    }
}
