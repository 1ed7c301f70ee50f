package io.amlcompute.provisioner.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlcompute.provisioner.contract.event.EventType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The compute instance scenario of {@code local --demo}, from the samples: create an instance (ready once its state
 * is Running), stop it (ready once Stopped: outcome {@code stopped}), start it again (ready once Running: outcome
 * {@code started}). Each step works on what the one before made, so each goes once the previous event is in; a step
 * that does not go as expected skips the rest.
 */
final class InstanceDemo {

    static final String CREATE = "create an instance";
    static final String STOP = "stop the instance";
    static final String START = "start it again";

    /** One request of the scenario: its title, sample, the key of its requestId and the outcome it must end with. */
    record Step(String title, String sample, String requestKey, String expectedOutcome) {
    }

    static final List<Step> STEPS = List.of(
            new Step(CREATE, "ensure-computeinstance.json", "instance", "created"),
            new Step(STOP, "stop-computeinstance.json", "instance-stop", "stopped"),
            new Step(START, "start-computeinstance.json", "instance-start", "started"));

    private final DemoTraffic traffic;
    private final String tag;

    InstanceDemo(DemoTraffic traffic, String tag) {
        this.traffic = Objects.requireNonNull(traffic, "traffic");
        this.tag = Objects.requireNonNull(tag, "tag");
    }

    /** Create, stop, start: three rows. */
    List<DemoRow> run() throws IOException, InterruptedException {
        String name = "ci-alice-" + tag;
        List<DemoRow> rows = new ArrayList<>();
        for (Step step : STEPS) {
            rows.add(send(step, "demo-" + step.requestKey() + "-" + tag, name, rows));
        }
        return rows;
    }

    private DemoRow send(Step step, String requestId, String name, List<DemoRow> before)
            throws IOException, InterruptedException {
        String ready = EventType.READY.wireName();
        if (!before.stream().allMatch(DemoRow::ok)) {
            return traffic.skipped(step.title(), requestId, ready, step.expectedOutcome());
        }
        ObjectNode body = traffic.sample(step.sample());
        body.put("requestId", requestId);
        ((ObjectNode) body.get("compute")).put("name", name);
        traffic.send(step.title(), body, true);
        return traffic.await(step.title(), requestId, AwaitedEvent.Answer.of(requestId), ready,
                step.expectedOutcome());
    }
}
