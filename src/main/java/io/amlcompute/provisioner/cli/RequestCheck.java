package io.amlcompute.provisioner.cli;

import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.ControlRequest;
import io.amlcompute.provisioner.contract.validation.MessageEnvelope;
import io.amlcompute.provisioner.contract.validation.ParseResult;
import io.amlcompute.provisioner.contract.validation.RequestDefaults;
import io.amlcompute.provisioner.contract.validation.RequestParser;
import io.amlcompute.provisioner.contract.validation.RequestPolicy;
import io.amlcompute.provisioner.contract.validation.RequestValidator;
import io.amlcompute.provisioner.contract.validation.Verdict;

import java.io.PrintWriter;

/**
 * The function's own check of a request ({@link RequestValidator}: structure, then policy), for a request file: a
 * compute request or a control request (renew, release, cancel; the policy caps a renewal's {@code extendBy}).
 * Without a policy only the structure is checked, for producers that do not hold the app's settings; the app
 * still applies its policy when the request arrives.
 */
final class RequestCheck {

    private final RequestParser parser;
    private final RequestValidator validator;

    /** @param policy null to check the structure only */
    RequestCheck(RequestDefaults defaults, RequestPolicy policy) {
        this.parser = new RequestParser(defaults);
        this.validator = policy == null ? null : new RequestValidator(defaults, policy);
    }

    /** The file's verdict; an unreadable file is rejected with {@link ValidationReport#FILE_NOT_READABLE}. */
    Checked check(RequestFile file, MessageEnvelope envelope) {
        if (file instanceof RequestFile.Unreadable unreadable) {
            return new Checked.Rejected(ValidationReport.unreadable(unreadable));
        }
        String body = ((RequestFile.Loaded) file).body();
        try {
            ValidationReport valid = ValidationReport.valid(file.name());
            if (validator != null) {
                Verdict verdict = validator.validate(body, envelope);
                if (verdict instanceof Verdict.Accepted accepted) {
                    return new Checked.Accepted(accepted.request(), body, valid);
                }
                if (verdict instanceof Verdict.AcceptedControl control) {
                    return new Checked.AcceptedControl(control.control(), body, valid);
                }
                return new Checked.Rejected(ValidationReport.invalid(file.name(), ((Verdict.Rejected) verdict).errors()));
            }
            ParseResult parsed = parser.parse(body, envelope);
            if (parsed instanceof ParseResult.Parsed ok) {
                return new Checked.Accepted(ok.request(), body, valid);
            }
            if (parsed instanceof ParseResult.ParsedControl control) {
                return new Checked.AcceptedControl(control.control(), body, valid);
            }
            return new Checked.Rejected(ValidationReport.invalid(file.name(), ((ParseResult.Unparsed) parsed).errors()));
        } catch (RuntimeException e) {
            // No input may crash the CLI; a validator bug is reported as such, for this file only.
            return new Checked.Rejected(ValidationReport.validatorFailed(file.name(), e));
        }
    }

    /**
     * How {@code send} and {@code apply} end for a request that did not pass: its report on stdout, as {@code validate}
     * prints it, and on stderr what was not done.
     *
     * @return the exit code
     */
    static int reportRejection(Checked.Rejected rejected, PrintWriter out, PrintWriter err, String command,
                               String nothingDone) {
        out.println(rejected.report().toJsonLine());
        out.flush();
        err.println(command + ": " + rejected.report().file() + " is not a valid request; " + nothingDone);
        err.flush();
        return ExitStatus.FAILED.code();
    }

    /**
     * A request file that passed (with the typed request and the exact body to send), as a compute request or a
     * control request (renew, release, cancel), or did not.
     */
    sealed interface Checked {
        ValidationReport report();

        record Accepted(ComputeRequest request, String body, ValidationReport report) implements Checked {
        }

        record AcceptedControl(ControlRequest control, String body, ValidationReport report) implements Checked {
        }

        record Rejected(ValidationReport report) implements Checked {
        }
    }
}
