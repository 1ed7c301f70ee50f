package io.amlcompute.provisioner.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.contract.validation.ValidationError;

import java.util.List;

/**
 * One line of {@code computectl validate} output: {@code {"file","valid","errors":[{"code","path","message"}]}}, and
 * with {@code --preflight} for a valid request {@code "preflight":{"outcome","errors","warnings"}}
 * ({@link PreflightReport}). The codes are the contract's {@code ReasonCode}s, plus the CLI's own
 * {@value #FILE_NOT_READABLE} and {@value #VALIDATOR_FAILED}; the pre-flight's are its {@code PREFLIGHT_*} codes.
 *
 * @param preflight null without {@code --preflight}, and for an invalid request
 */
record ValidationReport(String file, boolean valid, List<ReportedError> errors, PreflightReport preflight) {

    /** The file does not exist, is a directory, or cannot be read. */
    static final String FILE_NOT_READABLE = "FILE_NOT_READABLE";
    /** The validator itself failed on this input: a bug, please report it with the file. */
    static final String VALIDATOR_FAILED = "VALIDATOR_FAILED";

    ValidationReport {
        errors = List.copyOf(errors);
    }

    ValidationReport(String file, boolean valid, List<ReportedError> errors) {
        this(file, valid, errors, null);
    }

    ValidationReport withPreflight(PreflightReport report) {
        return new ValidationReport(file, valid, errors, report);
    }

    record ReportedError(String code, String path, String message) {
    }

    static ValidationReport valid(String file) {
        return new ValidationReport(file, true, List.of());
    }

    static ValidationReport invalid(String file, List<ValidationError> errors) {
        return new ValidationReport(file, false, errors.stream()
                .map(e -> new ReportedError(e.code().name(), e.path(), e.message())).toList());
    }

    static ValidationReport unreadable(RequestFile.Unreadable file) {
        return new ValidationReport(file.name(), false,
                List.of(new ReportedError(FILE_NOT_READABLE, "$", file.reason())));
    }

    static ValidationReport validatorFailed(String file, RuntimeException e) {
        return new ValidationReport(file, false, List.of(new ReportedError(VALIDATOR_FAILED, "$",
                "The validator failed on this input (" + e.getClass().getSimpleName() + "); please report it.")));
    }

    String toJsonLine() {
        try {
            return Json.MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a validation report cannot be written as JSON", e);
        }
    }
}
