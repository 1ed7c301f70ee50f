package io.amlcompute.provisioner.provisioning;

import io.amlcompute.provisioner.contract.ComputeStatus;

import java.util.List;

/** Whether the compute has reached what the request waits for. */
public sealed interface Readiness {

    /** Usable (or, for delete and detach, gone). */
    record Ready() implements Readiness {
    }

    /** Not yet; keep polling until the deadline. */
    record Pending() implements Readiness {
    }

    /** It will not get there; the errors say why. */
    record Failed(List<ComputeStatus.ErrorInfo> errors) implements Readiness {
        public Failed {
            errors = List.copyOf(errors);
        }
    }
}
