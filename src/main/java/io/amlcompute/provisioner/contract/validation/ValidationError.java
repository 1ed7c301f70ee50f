package io.amlcompute.provisioner.contract.validation;

import java.util.Objects;

/**
 * One problem with a request.
 *
 * @param path    JSONPath of the offending field, e.g. {@code $.compute.maxNodes}; {@code $} for the whole message
 * @param message a sentence a person can act on; never contains a secret value
 */
public record ValidationError(ReasonCode code, String path, String message) {

    public ValidationError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }
}
