package io.amlcompute.provisioner.contract.validation;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of one request, so the producer learns all of them at once. */
final class Problems {

    private final List<ValidationError> errors = new ArrayList<>();

    void add(ReasonCode code, String path, String message) {
        errors.add(new ValidationError(code, path, message));
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    int size() {
        return errors.size();
    }

    List<ValidationError> list() {
        return List.copyOf(errors);
    }

    /**
     * Quotes a value from the input for a message: shortened and stripped of control characters, so a message
     * stays one readable line whatever the input holds. Never call it on a secret field.
     */
    static String quote(String value) {
        String cleaned = value.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .limit(64)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return "'" + cleaned + (value.codePointCount(0, value.length()) > 64 ? "…'" : "'");
    }
}
