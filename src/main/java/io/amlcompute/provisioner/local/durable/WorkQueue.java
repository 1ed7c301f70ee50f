package io.amlcompute.provisioner.local.durable;

import com.google.protobuf.InvalidProtocolBufferException;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ActivityRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.HistoryEvent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The work that waits for a worker, in SQLite: pending messages (the new events of an instance's next turn,
 * including durable timers that become visible at their fireAt) and scheduled activities. Rows leave only when the
 * turn or activity that consumed them commits, which is what makes delivery at-least-once across crashes.
 */
final class WorkQueue {

    /** A pending event for an instance's next turn. */
    record PendingMessage(long id, HistoryEvent event) {
    }

    /** A scheduled activity; {@code id} is the row id, {@code request.taskId} the orchestrator's action id. */
    record ActivityTask(long id, String instanceId, String executionId, ActivityRequest request) {
    }

    private final HubDatabase database;

    WorkQueue(HubDatabase database) {
        this.database = database;
    }

    /**
     * Queues an event for an instance.
     *
     * @param executionId null when the event is for whichever execution is current (external events)
     * @param readyAt     null when deliverable now; otherwise invisible until the clock has passed it
     */
    void enqueue(String instanceId, String executionId, HistoryEvent event, Instant enqueuedAt, Instant readyAt) {
        database.inTransaction(c -> {
            PreparedStatement insert = database.prepared("INSERT INTO messages "
                    + "(instance_id, execution_id, kind, enqueued_at, ready_at, event) VALUES (?,?,?,?,?,?)");
            insert.setString(1, instanceId);
            insert.setString(2, executionId);
            insert.setString(3, event.getEventTypeCase().name());
            insert.setLong(4, enqueuedAt.toEpochMilli());
            InstanceStore.setNullableMillis(insert, 5, readyAt);
            insert.setBytes(6, event.toByteArray());
            insert.executeUpdate();
            return null;
        });
    }

    /**
     * The messages a turn for this execution would deliver at {@code now} (a delayed one once {@code now} is past
     * its readyAt, at millisecond granularity): ExecutionStarted first (the SDK runs the
     * orchestrator function when it sees it; DTFx's TaskOrchestrationDispatcher.EnsureExecutionStartedIsFirst), then by the time they became deliverable (a timer's fireAt, otherwise
     * arrival), so timers that came due together arrive in fireAt order.
     */
    List<PendingMessage> visibleMessages(String instanceId, String executionId, Instant now) {
        return database.inTransaction(c -> {
            PreparedStatement select = database.prepared("""
                    SELECT id, event FROM messages
                    WHERE instance_id = ? AND (execution_id IS NULL OR execution_id = ?)
                      AND (ready_at IS NULL OR ready_at < ?)
                    ORDER BY CASE kind WHEN 'EXECUTIONSTARTED' THEN 0 ELSE 1 END,
                             COALESCE(ready_at, enqueued_at), id""");
            select.setString(1, instanceId);
            select.setString(2, executionId);
            select.setLong(3, now.toEpochMilli());
            List<PendingMessage> messages = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    messages.add(new PendingMessage(rows.getLong(1), InstanceStore.parseEvent(rows.getBytes(2))));
                }
            }
            return messages;
        });
    }

    /**
     * Instances that have a deliverable message for their current execution, oldest message first. A Pending
     * instance qualifies only once its ExecutionStarted is deliverable: a first turn without it would let the SDK
     * auto-complete the orchestration without ever running it.
     */
    List<String> readyInstances(Instant now, int limit) {
        return database.inTransaction(c -> {
            // Deliverable messages in id order, read only until enough instances are found: an instance's first
            // row is its oldest message. (A GROUP BY over every message cost milliseconds per work item with a
            // thousand instances queued, all of it under the dispatcher's lock.) CROSS JOIN keeps messages the
            // outer loop, so SQLite walks them by rowid and needs no sort.
            PreparedStatement select = database.prepared("""
                    SELECT m.instance_id
                    FROM messages m CROSS JOIN instances i ON i.instance_id = m.instance_id
                    WHERE (m.execution_id IS NULL OR m.execution_id = i.execution_id)
                      AND (m.ready_at IS NULL OR m.ready_at < ?1)
                      AND (i.status = 'ORCHESTRATION_STATUS_RUNNING'
                           OR (i.status = 'ORCHESTRATION_STATUS_PENDING' AND EXISTS (
                               SELECT 1 FROM messages s
                               WHERE s.instance_id = i.instance_id AND s.execution_id = i.execution_id
                                 AND s.kind = 'EXECUTIONSTARTED' AND (s.ready_at IS NULL OR s.ready_at < ?1))))
                    ORDER BY m.id""");
            select.setLong(1, now.toEpochMilli());
            Set<String> instanceIds = new LinkedHashSet<>();
            try (ResultSet rows = select.executeQuery()) {
                while (instanceIds.size() < limit && rows.next()) {
                    instanceIds.add(rows.getString(1));
                }
            }
            return List.copyOf(instanceIds);
        });
    }

    /** The earliest readyAt of a timer or scheduled start later than {@code after}. */
    Optional<Instant> earliestReadyAfter(Instant after) {
        return database.inTransaction(c -> {
            PreparedStatement select = database.prepared(
                    "SELECT MIN(ready_at) AS earliest FROM messages WHERE ready_at > ?");
            select.setLong(1, after.toEpochMilli());
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return Optional.ofNullable(InstanceStore.nullableMillis(row, "earliest"));
            }
        });
    }

    void deleteMessages(Collection<Long> messageIds) {
        database.inTransaction(c -> {
            PreparedStatement delete = database.prepared("DELETE FROM messages WHERE id = ?");
            for (long id : messageIds) {
                delete.setLong(1, id);
                delete.addBatch();
            }
            delete.executeBatch();
            return null;
        });
    }

    /**
     * Drops an instance's pending work: all of it ({@code executionId} null), or only what belongs to one execution
     * (its timers, results and scheduled activities; external events stay for the next execution).
     */
    void clear(String instanceId, String executionId) {
        database.inTransaction(c -> {
            String executionClause = executionId == null ? "" : " AND execution_id = ?";
            for (String table : List.of("messages", "activities")) {
                PreparedStatement delete = database.prepared(
                        "DELETE FROM " + table + " WHERE instance_id = ?" + executionClause);
                delete.setString(1, instanceId);
                if (executionId != null) {
                    delete.setString(2, executionId);
                }
                delete.executeUpdate();
            }
            return null;
        });
    }

    void addActivity(String instanceId, String executionId, ActivityRequest request) {
        database.inTransaction(c -> {
            PreparedStatement insert = database.prepared(
                    "INSERT INTO activities (instance_id, execution_id, task_id, request) VALUES (?,?,?,?)");
            insert.setString(1, instanceId);
            insert.setString(2, executionId);
            insert.setInt(3, request.getTaskId());
            insert.setBytes(4, request.toByteArray());
            insert.executeUpdate();
            return null;
        });
    }

    /** Scheduled activities in the order they were scheduled. */
    List<ActivityTask> activities(int limit) {
        return database.inTransaction(c -> {
            PreparedStatement select = database.prepared(
                    "SELECT id, instance_id, execution_id, request FROM activities ORDER BY id LIMIT ?");
            select.setInt(1, limit);
            List<ActivityTask> tasks = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    tasks.add(new ActivityTask(rows.getLong(1), rows.getString(2), rows.getString(3),
                            parseRequest(rows.getBytes(4))));
                }
            }
            return tasks;
        });
    }

    /** Removes a completed activity; false when it was already gone (its instance finished or was purged). */
    boolean removeActivity(long id) {
        return database.inTransaction(c -> {
            PreparedStatement delete = database.prepared("DELETE FROM activities WHERE id = ?");
            delete.setLong(1, id);
            return delete.executeUpdate() == 1;
        });
    }

    void deleteEverything() {
        database.inTransaction(c -> {
            try (var statement = c.createStatement()) {
                statement.executeUpdate("DELETE FROM messages");
                statement.executeUpdate("DELETE FROM activities");
            }
            return null;
        });
    }

    private static ActivityRequest parseRequest(byte[] bytes) {
        try {
            return ActivityRequest.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("corrupt activity request in the task hub database", e);
        }
    }
}
