package io.amlcompute.provisioner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.contract.event.EventType;
import io.amlcompute.provisioner.provisioning.Progress;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The two scenarios of {@code local --demo} that take more than one request, each from the samples:
 *
 * <ul>
 *   <li><b>A lease</b>: ensure a cluster on a lease (ready, with {@code data.lease}), renew it
 *       ({@code lease.renewed}), release it ({@code lease.released}), and see the lease end: {@code lease.expired}
 *       with result {@code deleted}, on the holder's own reply session.</li>
 *   <li><b>A cancel</b>: an ensure that waits for a node that never comes (minNodes 0, waitForNodes 1: nothing
 *       scales the cluster up), with {@code onCancel: delete}; once it is waiting, a cancel ends it: its
 *       {@code compute.cancelled} goes to the topic and to the cancel's reply session.</li>
 * </ul>
 * A step that does not go as expected skips the rest of its scenario, so a broken app costs no more time than the
 * first wrong answer.
 */
final class LeaseAndCancelDemo {

    static final String LEASED = "a cluster on a lease";
    static final String RENEW = "renew the lease";
    static final String RELEASE = "release the lease";
    static final String LEASE_END = "the lease ends";
    static final String STUCK = "an ensure waiting for a node";
    static final String CANCEL = "cancel it (onCancel delete)";

    private static final Duration STATUS_EVERY = Duration.ofMillis(250);

    private final DemoTraffic traffic;
    private final StatusClient status;
    private final ExecutorService waits;
    private final Duration timeout;
    private final String tag;

    /**
     * @param waits   runs the stuck ensure's own wait while its cancel is sent
     * @param timeout how long to wait for the stuck ensure to be waiting, as for each event
     * @param tag     this run's mark on request ids and compute names
     */
    LeaseAndCancelDemo(DemoTraffic traffic, StatusClient status, ExecutorService waits, Duration timeout, String tag) {
        this.traffic = Objects.requireNonNull(traffic, "traffic");
        this.status = Objects.requireNonNull(status, "status");
        this.waits = Objects.requireNonNull(waits, "waits");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.tag = Objects.requireNonNull(tag, "tag");
    }

    /** Ensure on a lease, renew, release, lease.expired. */
    List<DemoRow> lease() throws IOException, InterruptedException {
        String leaseId = "demo-lease-" + tag;
        ObjectNode ensure = traffic.sample("ensure-amlcompute-lease.json");
        ensure.put("requestId", leaseId);
        ((ObjectNode) ensure.get("compute")).put("name", "leased-cluster-" + tag);
        List<DemoRow> rows = new ArrayList<>();
        traffic.send(LEASED, ensure, true);
        rows.add(traffic.await(LEASED, leaseId, AwaitedEvent.Answer.of(leaseId), EventType.READY.wireName(),
                "created"));

        String renewId = "demo-renew-" + tag;
        if (lastOk(rows)) {
            traffic.send(RENEW, control("renew-lease.json", renewId, "leaseId", leaseId), false);
            rows.add(traffic.await(RENEW, renewId, new AwaitedEvent.Answer(renewId, leaseId),
                    EventType.LEASE_RENEWED.wireName(), DemoRow.NONE));
        } else {
            rows.add(traffic.skipped(RENEW, renewId, EventType.LEASE_RENEWED.wireName(), DemoRow.NONE));
        }

        String releaseId = "demo-release-" + tag;
        if (lastOk(rows)) {
            traffic.send(RELEASE, control("release-lease.json", releaseId, "leaseId", leaseId), false);
            rows.add(traffic.await(RELEASE, releaseId, new AwaitedEvent.Answer(releaseId, leaseId),
                    EventType.LEASE_RELEASED.wireName(), DemoRow.NONE));
        } else {
            rows.add(traffic.skipped(RELEASE, releaseId, EventType.LEASE_RELEASED.wireName(), DemoRow.NONE));
        }

        // The lease's own events go to the topic and to its holder's reply session: the ensure's, which is ours.
        if (lastOk(rows)) {
            rows.add(traffic.await(LEASE_END, leaseId, new AwaitedEvent.LeaseEnd(leaseId),
                    EventType.LEASE_EXPIRED.wireName(), "deleted"));
        } else {
            rows.add(traffic.skipped(LEASE_END, leaseId, EventType.LEASE_EXPIRED.wireName(), "deleted"));
        }
        return rows;
    }

    /** An ensure that waits for a node that never comes, cancelled once it waits. */
    List<DemoRow> cancel() throws IOException, InterruptedException {
        String targetId = "demo-stuck-" + tag;
        ObjectNode ensure = traffic.sample("ensure-amlcompute.json");
        ensure.put("requestId", targetId);
        ((ObjectNode) ensure.get("compute")).put("name", "stuck-cluster-" + tag).put("minNodes", 0);
        ensure.putObject("options").put("timeout", "PT10M").put("waitForNodes", 1).put("onCancel", "delete");
        // Sent as a producer that asks for no reply, and its event looked for on the topic: the app sends a cancelled
        // event to the cancel's reply session under the same MessageId as to the target's, so with both on the
        // replies queue Service Bus duplicate detection drops the cancel's copy.
        traffic.send(STUCK, ensure, true, false);
        Future<DemoRow> stuck = waits.submit(() -> traffic.awaitOnTopic(STUCK, targetId,
                AwaitedEvent.Answer.of(targetId), EventType.CANCELLED.wireName(), "cancelled"));

        String cancelId = "demo-cancel-" + tag;
        List<DemoRow> rows = new ArrayList<>();
        boolean waiting = waitingForItsCompute(targetId, stuck);
        if (waiting) {
            traffic.send(CANCEL, control("cancel-request.json", cancelId, "targetRequestId", targetId), false);
        }
        rows.add(result(stuck));
        rows.add(waiting ? traffic.await(CANCEL, cancelId, new AwaitedEvent.CancelAnswer(cancelId, targetId),
                EventType.CANCELLED.wireName(), "cancelled")
                : traffic.skipped(CANCEL, cancelId, EventType.CANCELLED.wireName(), "cancelled"));
        return rows;
    }

    /**
     * Whether {@code requestId} reached the point where a cancel stops it while it waits for a node: the status API
     * shows it waiting, the cluster Succeeded. (While ARM still creates it, a delete is refused with 409 Conflict,
     * and the app's onCancel delete does not wait for the creation to end.) False when it ended first
     * ({@code ended} is done) or the timeout passed.
     */
    private boolean waitingForItsCompute(String requestId, Future<DemoRow> ended) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && !ended.isDone()) {
            try {
                StatusClient.Answer answer = status.get(requestId);
                if (answer.status() == 200) {
                    JsonNode view = Json.MAPPER.readTree(answer.body());
                    JsonNode progress = view.path("progress");
                    if (Progress.Phase.WAITING.name().equals(progress.path("phase").asText())
                            && "Succeeded".equals(progress.path("provisioningState").asText())) {
                        return true;
                    }
                }
            } catch (IOException e) {
                // The status API is not up yet or did not answer: look again.
            }
            Thread.sleep(STATUS_EVERY.toMillis());
        }
        return false;
    }

    /** A control request sample with this run's ids. */
    private ObjectNode control(String sample, String requestId, String targetField, String target)
            throws IOException {
        ObjectNode body = traffic.sample(sample);
        body.put("requestId", requestId);
        body.put(targetField, target);
        return body;
    }

    private static boolean lastOk(List<DemoRow> rows) {
        return rows.get(rows.size() - 1).ok();
    }

    private static DemoRow result(Future<DemoRow> row) throws InterruptedException {
        try {
            return row.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(Failures.describe(e.getCause()), e.getCause());
        }
    }
}
