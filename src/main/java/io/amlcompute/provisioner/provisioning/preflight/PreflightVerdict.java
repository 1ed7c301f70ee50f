package io.amlcompute.provisioner.provisioning.preflight;

import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.provisioning.ErrorKind;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** How the pre-flight ends: go ahead (with warnings), refuse the request, fail it, or try again later. */
public sealed interface PreflightVerdict {

    static PreflightVerdict proceed() {
        return new Proceed(List.of());
    }

    /** Write; the warnings travel to the completion event. */
    record Proceed(List<ComputeStatus.ErrorInfo> warnings) implements PreflightVerdict {
        public Proceed {
            warnings = List.copyOf(warnings);
        }
    }

    /** The request cannot get what it asks for: nothing is written, the request ends with outcome rejected. */
    record Refuse(List<ComputeStatus.ErrorInfo> errors) implements PreflightVerdict {
        public Refuse {
            errors = List.copyOf(errors);
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("a refusal names at least one finding");
            }
        }
    }

    /** The check could not be made, and waiting will not help (e.g. a missing role): nothing is written. */
    record Fail(List<ComputeStatus.ErrorInfo> errors) implements PreflightVerdict {
        public Fail {
            errors = List.copyOf(errors);
        }
    }

    /** ARM throttled or hiccupped on a region read: try the whole step again after {@code retryAfter}. */
    record Wait(ErrorKind kind, String code, String message, Duration retryAfter) implements PreflightVerdict {
        public Wait {
            Objects.requireNonNull(kind, "kind");
        }
    }
}
