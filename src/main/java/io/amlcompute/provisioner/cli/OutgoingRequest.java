package io.amlcompute.provisioner.cli;

import io.amlcompute.provisioner.config.Setting;
import io.amlcompute.provisioner.config.Settings;
import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.ControlRequest;

import java.time.Duration;

/**
 * A checked request on its way: its ids and body, and what {@code --wait} waits for. A compute request waits
 * for its terminal event; a renew or release for its answer ({@code lease.renewed}, {@code lease.released}) or
 * rejection; a cancel for its target's {@code compute.cancelled} or its own rejection.
 *
 * @param ownTimeout the request's {@code options.timeout}; null for a control request, which has none
 * @param leaseEnd   for a release, the end of its lease, which {@code --until-expired} waits for; else null
 */
record OutgoingRequest(String requestId, String correlationId, String body, AwaitedEvent awaited,
                       Duration ownTimeout, AwaitedEvent.LeaseEnd leaseEnd) {

    static OutgoingRequest of(RequestCheck.Checked checked) {
        if (checked instanceof RequestCheck.Checked.Accepted accepted) {
            ComputeRequest request = accepted.request();
            return new OutgoingRequest(request.requestId(), request.correlationId(), accepted.body(),
                    AwaitedEvent.Answer.of(request.requestId()), request.options().timeout(), null);
        }
        RequestCheck.Checked.AcceptedControl accepted = (RequestCheck.Checked.AcceptedControl) checked;
        ControlRequest control = accepted.control();
        AwaitedEvent awaited = control instanceof ControlRequest.CancelRequest cancel
                ? new AwaitedEvent.CancelAnswer(cancel.requestId(), cancel.targetRequestId())
                : new AwaitedEvent.Answer(control.requestId(), control.target());
        return new OutgoingRequest(control.requestId(), control.correlationId(), accepted.body(), awaited, null,
                control instanceof ControlRequest.ReleaseLease release
                        ? new AwaitedEvent.LeaseEnd(release.leaseId()) : null);
    }

    /**
     * How long {@code --wait} waits unless told: a compute request's own deadline plus
     * {@link SendCommand#WAIT_MARGIN}, so its timedout event still arrives. A control request is answered as soon as
     * its target's orchestration takes it (the trigger hands it over again for as long as that takes): the margin.
     * The lease.expired after a release comes once the expiry action is done, within the holder's own timeout,
     * which the sender does not know: the app's DEFAULT_TIMEOUT plus the margin.
     */
    Duration defaultWait(Settings settings, boolean untilExpired) {
        if (ownTimeout != null) {
            return ownTimeout.plus(SendCommand.WAIT_MARGIN);
        }
        return untilExpired ? settings.getDuration(Setting.DEFAULT_TIMEOUT).plus(SendCommand.WAIT_MARGIN)
                : SendCommand.WAIT_MARGIN;
    }

    /** The command that goes on waiting for the same answer. */
    String resumeCommand(String session) {
        String resume = "computectl wait " + requestId + " --session " + session;
        return awaited instanceof AwaitedEvent.CancelAnswer cancel
                ? resume + " --cancel-of " + cancel.targetRequestId() : resume;
    }
}
