package io.amlcompute.provisioner.contract.validation;

import io.amlcompute.provisioner.contract.ComputeRequest;

import java.util.List;

/** Whether a request may go ahead: accepted as a complete request, or rejected with every reason. */
public sealed interface Verdict {

    record Accepted(ComputeRequest request) implements Verdict {
    }

    record Rejected(RequestContext context, List<ValidationError> errors) implements Verdict {
        public Rejected {
            errors = List.copyOf(errors);
        }
    }
}
