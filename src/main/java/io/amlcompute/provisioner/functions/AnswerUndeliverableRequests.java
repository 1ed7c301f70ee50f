package io.amlcompute.provisioner.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import io.amlcompute.provisioner.contract.validation.ReasonCode;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Every request message gets an answer, even one the Functions host cannot hand to {@link SubmitComputeRequest}: a
 * body that is an AMQP sequence, or an AMQP value that is not a string, fails the trigger's binding before any app
 * code runs, is abandoned ten times and dead-lettered. On a schedule ({@code UNDELIVERABLE_REQUESTS_SCHEDULE}), this
 * function answers each such dead letter with a {@code request.rejected} event ({@code BODY_NOT_TEXT}) and removes
 * it; other dead letters stay for operators ({@link io.amlcompute.provisioner.undeliverable.UndeliverableRequests}).
 *
 * <p>It reads the dead-letter queue with the Service Bus SDK, not a trigger: a trigger could not bind those bodies
 * either. The timer's {@code TimerInfo} is not read.
 */
public final class AnswerUndeliverableRequests {

    public static final String NAME = "AnswerUndeliverableRequests";

    private final Supplier<ProvisionerApp> app;

    public AnswerUndeliverableRequests() {
        this(ProvisionerApp::instance);
    }

    AnswerUndeliverableRequests(Supplier<ProvisionerApp> app) {
        this.app = app;
    }

    @FunctionName(NAME)
    public void run(@TimerTrigger(name = "timer", schedule = "%UNDELIVERABLE_REQUESTS_SCHEDULE%") String timerInfo,
                    ExecutionContext context) {
        app.get().undeliverableRequests().answer(answer -> RequestLog.warn(context.getLogger(), "request.rejected",
                answer.event().data().requestId(), answer.event().data().correlationId(),
                Map.of("deliveryKey", answer.deliveryKey(), "reasons", ReasonCode.BODY_NOT_TEXT.name())));
    }
}
