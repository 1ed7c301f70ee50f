package io.amlcompute.provisioner.contract.event;

/**
 * A difference between what a request asked for and what an existing compute has, reported when the compute
 * is reused as it is.
 *
 * @param field the request field, e.g. {@code maxNodes}
 */
public record Drift(String field, String requested, String actual) {
}
