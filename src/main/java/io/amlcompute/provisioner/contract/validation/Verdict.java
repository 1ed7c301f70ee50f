package io.amlcompute.provisioner.contract.validation;

import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.ControlRequest;

import java.util.List;

/** Whether a request may go ahead: accepted as a complete request, or rejected with every reason. */
public sealed interface Verdict {

    record Accepted(ComputeRequest request) implements Verdict {
    }

    /** A control request that may be handed to the request it addresses. */
    record AcceptedControl(ControlRequest control, RequestContext context) implements Verdict {
    }

    record Rejected(RequestContext context, List<ValidationError> errors) implements Verdict {
        public Rejected {
            errors = List.copyOf(errors);
        }
    }
}
