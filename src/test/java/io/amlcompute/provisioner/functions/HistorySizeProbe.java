package io.amlcompute.provisioner.functions;

import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorAction;
import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.contract.event.Outcome;
import io.amlcompute.provisioner.contract.validation.MessageEnvelope;
import io.amlcompute.provisioner.contract.validation.ParseResult;
import io.amlcompute.provisioner.contract.validation.RequestDefaults;
import io.amlcompute.provisioner.contract.validation.RequestParser;
import io.amlcompute.provisioner.contract.validation.RequestWriter;
import io.amlcompute.provisioner.contract.validation.Samples;
import io.amlcompute.provisioner.provisioning.ActionResult;
import io.amlcompute.provisioner.provisioning.ProvisioningInput;
import io.amlcompute.provisioner.provisioning.StatusRead;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How large one provisioning's orchestration history is: the real orchestrator run through the real replay engine
 * (as {@link ReplayDriver} runs it) for the README's ensure sample, with a reply session, taking {@code polls} status
 * reads to get ready. For the benchmarks (issue 15's target: under 16 KB with 10 polls).
 */
public final class HistorySizeProbe {

    private HistorySizeProbe() {
    }

    /** History bytes of one ensure that needs {@code polls} reads, the last one Steady. */
    public static long typicalEnsure(int polls) throws Exception {
        ComputeRequest request = ((ParseResult.Parsed) new RequestParser(RequestDefaults.standard())
                .parse(Samples.text("ensure-amlcompute.json"), MessageEnvelope.NONE)).request();
        AtomicInteger reads = new AtomicInteger();
        ReplayDriver driver = new ReplayDriver(request.requestId(), Instant.parse("2026-12-04T10:00:00Z"),
                (name, in) -> switch (name) {
                    case PerformComputeAction.NAME -> new ActionResult.Done(Outcome.CREATED, List.of(),
                            new ComputeStatus("Creating", null, null, List.of()));
                    case ReadComputeStatus.NAME -> reads.incrementAndGet() < polls
                            ? new StatusRead.Found(new ComputeStatus("Succeeded", "Resizing", null, List.of()))
                            : new StatusRead.Found(new ComputeStatus("Succeeded", "Steady", null, List.of()));
                    case PublishCompletion.NAME, PublishReply.NAME -> "event-id";
                    default -> throw new AssertionError("unexpected activity " + name);
                });
        OrchestratorAction completion = driver.run(new ProvisioningInput(RequestWriter.toJson(request),
                "compute-replies", "session-1"));
        if (reads.get() != polls) {
            throw new IllegalStateException("expected " + polls + " reads, the orchestration made " + reads.get());
        }
        return driver.historyBytes(completion);
    }
}
