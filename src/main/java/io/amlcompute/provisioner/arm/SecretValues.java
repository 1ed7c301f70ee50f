package io.amlcompute.provisioner.arm;

import io.amlcompute.provisioner.contract.SecretRef;
import io.amlcompute.provisioner.provisioning.ErrorKind;
import io.amlcompute.provisioner.provisioning.ProvisioningException;
import io.amlcompute.provisioner.provisioning.SecretResolver;

import java.util.ArrayList;
import java.util.List;

/**
 * The secret values resolved for one ARM request, kept only so that any text built from ARM's answer (an error
 * message might echo a field of the body) can be scrubbed of them before it leaves the gateway. Lives as long as
 * the request; {@link #toString()} never shows a value. Not thread-safe: one per request.
 */
final class SecretValues {

    static final String REDACTED = "[REDACTED]";

    private final SecretResolver resolver;
    private final List<String> values = new ArrayList<>();

    private SecretValues(SecretResolver resolver) {
        this.resolver = resolver;
    }

    /** For a request that carries secrets, resolved through {@code resolver}. */
    static SecretValues resolvedBy(SecretResolver resolver) {
        return new SecretValues(resolver);
    }

    /** For a request without secrets (GET, PATCH, DELETE). */
    static SecretValues none() {
        return new SecretValues(ref -> {
            throw new IllegalStateException("this request carries no secrets: " + ref);
        });
    }

    /** The value of {@code ref}, remembered for {@link #redact}. */
    String resolve(SecretRef ref) {
        String value = resolver.resolve(ref);
        if (value == null || value.isEmpty()) {
            throw new ProvisioningException(ErrorKind.SECRET_UNAVAILABLE, "SecretEmpty",
                    "Secret " + ref + " resolved to an empty value.");
        }
        values.add(value);
        return value;
    }

    /** {@code text} with every resolved value replaced by {@value #REDACTED}; null stays null. */
    String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String value : values) {
            result = result.replace(value, REDACTED);
        }
        return result;
    }

    @Override
    public String toString() {
        return "SecretValues[" + values.size() + " resolved]";
    }
}
