package io.amlcompute.provisioner.bench;

import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import io.amlcompute.provisioner.config.EntityNames;
import io.amlcompute.provisioner.local.LocalStack;
import io.amlcompute.provisioner.local.LocalStackOptions;
import io.amlcompute.provisioner.local.durable.WorkItemCounts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How much Durable work one provisioning costs, and so how many provisionings a second each Durable backend can
 * carry (docs/benchmarks.md, ADR 0005).
 *
 * <p><b>Measured</b>: ensure requests through the whole local stack, the ARM emulator taking 3 s to provision; the
 * Durable backend counts the orchestrator turns, activities and fired timers it saw completed. That checks the rule
 * the model rests on: the orchestration awaits one task at a time, so every activity result and every fired timer is
 * one turn, plus the turn that starts it: {@code turns = provisionings + activities + timers}.
 *
 * <p><b>Modelled</b>: the activities and timers of a realistic provisioning come from the polling benchmark's
 * workload (5,000 provisionings of 10 to 150 s and stuck outliers, this project's learning policy); work items per
 * provisioning = turns + activities, and Microsoft's published work-item throughput divided by that gives
 * provisionings per second.
 */
final class CapacityBenchmark {

    /**
     * Work items per second of an orchestrator calling five activities in sequence, Elastic Premium EP2, 1, 2 and 4
     * workers, .NET isolated: learn.microsoft.com/azure/durable-task/scheduler/durable-task-scheduler-work-item-throughput.
     */
    record Published(String backend, int workers, double workItemsPerSecond) {
    }

    static final List<Published> PUBLISHED = List.of(
            new Published("Azure Storage", 1, 250), new Published("Azure Storage", 2, 430),
            new Published("Azure Storage", 4, 830),
            new Published("Durable Task Scheduler", 1, 1_400), new Published("Durable Task Scheduler", 2, 2_750),
            new Published("Durable Task Scheduler", 4, 3_750));

    /** Scheduler SKU ceilings on actions (work items) per second: learn.microsoft.com/azure/durable-task/scheduler/durable-task-scheduler-billing. */
    static final double CONSUMPTION_SKU_ACTIONS_PER_SECOND = 500;
    static final double DEDICATED_ACTIONS_PER_SECOND_PER_CU = 2_000;

    /** What the local stack counted for {@code provisionings} ensure requests. */
    record Measured(int provisionings, double turnsPerProvisioning, double activitiesPerProvisioning,
                    double timersPerProvisioning) {

        /** Turns the one-task-at-a-time rule predicts from the activities and timers. */
        double predictedTurnsPerProvisioning() {
            return 1 + activitiesPerProvisioning + timersPerProvisioning;
        }
    }

    /** One row of the model: a backend and worker count, and the provisionings per second it carries. */
    record Row(String backend, int workers, double workItemsPerSecond, double provisioningsPerSecond,
               double provisioningsPerSecondPerWorker) {
    }

    /**
     * @param realisticActivities activities per provisioning of the realistic workload (polling benchmark)
     * @param realisticTimers     timers per provisioning of the same
     */
    record Result(Measured measured, double realisticActivities, double realisticTimers, double turnsPerProvisioning,
                  double workItemsPerProvisioning, List<Row> rows, double consumptionSkuProvisioningsPerSecond,
                  double dedicatedProvisioningsPerSecondPerCapacityUnit) {
    }

    static Result run(int requests, PollingCostBenchmark.Result realistic) throws Exception {
        Measured measured = measure(requests);
        double activities = realistic.activitiesPerProvisioning();
        double timers = realistic.timersPerProvisioning();
        double turns = 1 + activities + timers;
        double workItems = turns + activities;
        List<Row> rows = new ArrayList<>();
        for (Published p : PUBLISHED) {
            double perSecond = p.workItemsPerSecond() / workItems;
            rows.add(new Row(p.backend(), p.workers(), p.workItemsPerSecond(), perSecond, perSecond / p.workers()));
        }
        return new Result(measured, activities, timers, turns, workItems, List.copyOf(rows),
                CONSUMPTION_SKU_ACTIONS_PER_SECOND / workItems, DEDICATED_ACTIONS_PER_SECOND_PER_CU / workItems);
    }

    private static Measured measure(int requests) throws Exception {
        String template = Files.readString(Path.of("samples", "requests", "ensure-amlcompute.json"));
        try (LocalStack stack = LocalStack.start(LocalStackOptions.defaults().withProvisioningTime(Duration.ofSeconds(3)));
             EventCollector events = new EventCollector(stack.serviceBusConnectionString());
             ServiceBusSenderClient sender = new ServiceBusClientBuilder()
                     .connectionString(stack.serviceBusConnectionString()).sender()
                     .queueName(EntityNames.REQUESTS_QUEUE).buildClient()) {
            WorkItemCounts before = stack.durableWorkItems();
            for (int i = 0; i < requests; i++) {
                String requestId = "capacity-" + i;
                String body = template.replace("demo-ensure-aml-cluster-001", requestId)
                        .replace("\"aml-cluster\"", "\"capacity" + EndToEndBenchmark.letters(i) + "\"");
                sender.sendMessage(new ServiceBusMessage(body).setMessageId(requestId)
                        .setContentType("application/json"));
            }
            if (!events.awaitDistinct(requests, Duration.ofMinutes(5))) {
                throw new IllegalStateException("only " + events.arrivals().size() + " of " + requests
                        + " provisionings ended within 5 minutes");
            }
            // The last turn (the orchestration's completion) commits after the event was published.
            WorkItemCounts after = settle(stack, before, requests);
            double n = requests;
            return new Measured(requests, (after.orchestratorTurns() - before.orchestratorTurns()) / n,
                    (after.activityCalls() - before.activityCalls()) / n,
                    (after.timersFired() - before.timersFired()) / n);
        }
    }

    /** Waits until the counts stop changing (every orchestration has had its final turn). */
    private static WorkItemCounts settle(LocalStack stack, WorkItemCounts before, int requests)
            throws InterruptedException {
        WorkItemCounts last = stack.durableWorkItems();
        long quietSince = System.nanoTime();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(100);
            WorkItemCounts now = stack.durableWorkItems();
            if (!now.equals(last)) {
                last = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > Duration.ofSeconds(1).toNanos()
                    && now.orchestratorTurns() - before.orchestratorTurns() >= 2L * requests) {
                return now;
            }
        }
        return last;
    }

    private CapacityBenchmark() {
    }
}
