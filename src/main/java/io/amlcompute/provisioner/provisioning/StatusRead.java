package io.amlcompute.provisioner.provisioning;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.amlcompute.provisioner.contract.ComputeStatus;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** What one status read of the monitor loop saw. Travels from the activity to the orchestrator as JSON. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "result")
@JsonSubTypes({
        @JsonSubTypes.Type(value = StatusRead.Found.class, name = "found"),
        @JsonSubTypes.Type(value = StatusRead.Missing.class, name = "missing"),
        @JsonSubTypes.Type(value = StatusRead.Failed.class, name = "failed"),
        @JsonSubTypes.Type(value = StatusRead.Wait.class, name = "wait")})
public sealed interface StatusRead {

    record Found(ComputeStatus status) implements StatusRead {
        public Found {
            Objects.requireNonNull(status, "status");
        }
    }

    /** ARM answered 404. */
    record Missing() implements StatusRead {
    }

    /** The read cannot succeed (e.g. access was revoked). */
    record Failed(List<ComputeStatus.ErrorInfo> errors) implements StatusRead {
        public Failed {
            errors = List.copyOf(errors);
        }
    }

    /** Read again later; {@code retryAfter} is null when the service did not say. */
    record Wait(ActionResult.WaitReason reason, String code, String message, Duration retryAfter)
            implements StatusRead {
    }
}
