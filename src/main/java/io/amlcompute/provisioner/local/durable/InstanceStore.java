package io.amlcompute.provisioner.local.durable;

import com.google.protobuf.InvalidProtocolBufferException;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.HistoryEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationStatus;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskFailureDetails;
import io.amlcompute.provisioner.local.durable.InstanceRecord.ParentLink;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Instance rows and their histories in SQLite. Each method is atomic on its own and joins the caller's transaction
 * when called inside {@link HubDatabase#inTransaction}.
 */
final class InstanceStore {

    /** Which instances a query or purge covers; null or empty members do not filter. */
    record InstanceFilter(Set<OrchestrationStatus> statuses, Instant createdFrom, Instant createdTo, String idPrefix) {
    }

    private static final String COLUMNS = "instance_id, execution_id, name, version, status, input, output, "
            + "custom_status, failure, created_at, last_updated_at, last_turn_at, parent_instance_id, "
            + "parent_execution_id, parent_task_id";

    private final HubDatabase database;

    InstanceStore(HubDatabase database) {
        this.database = database;
    }

    Optional<InstanceRecord> find(String instanceId) {
        return database.inTransaction(c -> {
            PreparedStatement select = database.prepared(
                    "SELECT " + COLUMNS + " FROM instances WHERE instance_id = ?");
            select.setString(1, instanceId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        });
    }

    /** Inserts or replaces the whole row. */
    void save(InstanceRecord record) {
        database.inTransaction(c -> {
            PreparedStatement upsert = database.prepared(
                    "INSERT OR REPLACE INTO instances (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
            upsert.setString(1, record.instanceId());
            upsert.setString(2, record.executionId());
            upsert.setString(3, record.name());
            upsert.setString(4, record.version());
            upsert.setString(5, record.status().name());
            upsert.setString(6, record.input());
            upsert.setString(7, record.output());
            upsert.setString(8, record.customStatus());
            upsert.setBytes(9, record.failure() == null ? null : record.failure().toByteArray());
            upsert.setLong(10, record.createdAt().toEpochMilli());
            upsert.setLong(11, record.lastUpdatedAt().toEpochMilli());
            setNullableMillis(upsert, 12, record.lastTurnAt());
            ParentLink parent = record.parent();
            upsert.setString(13, parent == null ? null : parent.instanceId());
            upsert.setString(14, parent == null ? null : parent.executionId());
            if (parent == null) {
                upsert.setNull(15, Types.INTEGER);
            } else {
                upsert.setInt(15, parent.taskScheduledId());
            }
            upsert.executeUpdate();
            return null;
        });
    }

    List<HistoryEvent> history(String instanceId) {
        return database.inTransaction(c -> {
            PreparedStatement select = database.prepared(
                    "SELECT event FROM history WHERE instance_id = ? ORDER BY position");
            select.setString(1, instanceId);
            List<HistoryEvent> events = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    events.add(parseEvent(rows.getBytes(1)));
                }
            }
            return events;
        });
    }

    void appendHistory(String instanceId, List<HistoryEvent> events) {
        database.inTransaction(c -> {
            int next;
            PreparedStatement count = database.prepared(
                    "SELECT COALESCE(MAX(position) + 1, 0) FROM history WHERE instance_id = ?");
            count.setString(1, instanceId);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                next = row.getInt(1);
            }
            PreparedStatement insert = database.prepared(
                    "INSERT INTO history (instance_id, position, event) VALUES (?,?,?)");
            for (HistoryEvent event : events) {
                insert.setString(1, instanceId);
                insert.setInt(2, next++);
                insert.setBytes(3, event.toByteArray());
                insert.addBatch();
            }
            insert.executeBatch();
            return null;
        });
    }

    void clearHistory(String instanceId) {
        database.inTransaction(c -> {
            PreparedStatement delete = database.prepared("DELETE FROM history WHERE instance_id = ?");
            delete.setString(1, instanceId);
            delete.executeUpdate();
            return null;
        });
    }

    /** Instances matching the filter with ids after {@code afterInstanceId} (null: from the start), in id order. */
    List<InstanceRecord> list(InstanceFilter filter, String afterInstanceId, int limit) {
        return database.inTransaction(c -> {
            StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM instances WHERE 1 = 1");
            List<Object> parameters = new ArrayList<>();
            appendFilter(filter, sql, parameters);
            if (afterInstanceId != null) {
                sql.append(" AND instance_id > ?");
                parameters.add(afterInstanceId);
            }
            sql.append(" ORDER BY instance_id LIMIT ?");
            parameters.add(limit);
            try (PreparedStatement select = c.prepareStatement(sql.toString())) {
                bind(select, parameters);
                List<InstanceRecord> records = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        records.add(read(rows));
                    }
                }
                return records;
            }
        });
    }

    /** Deletes instance rows and their histories; the caller clears their pending work. */
    int delete(List<String> instanceIds) {
        return database.inTransaction(c -> {
            int deleted = 0;
            PreparedStatement instances = database.prepared("DELETE FROM instances WHERE instance_id = ?");
            PreparedStatement history = database.prepared("DELETE FROM history WHERE instance_id = ?");
            for (String instanceId : instanceIds) {
                instances.setString(1, instanceId);
                deleted += instances.executeUpdate();
                history.setString(1, instanceId);
                history.executeUpdate();
            }
            return deleted;
        });
    }

    void deleteEverything() {
        database.inTransaction(c -> {
            try (var statement = c.createStatement()) {
                statement.executeUpdate("DELETE FROM instances");
                statement.executeUpdate("DELETE FROM history");
            }
            return null;
        });
    }

    private static void appendFilter(InstanceFilter filter, StringBuilder sql, List<Object> parameters) {
        if (filter.statuses() != null && !filter.statuses().isEmpty()) {
            sql.append(" AND status IN (").append("?,".repeat(filter.statuses().size() - 1)).append("?)");
            filter.statuses().forEach(status -> parameters.add(status.name()));
        }
        if (filter.createdFrom() != null) {
            sql.append(" AND created_at >= ?");
            parameters.add(filter.createdFrom().toEpochMilli());
        }
        if (filter.createdTo() != null) {
            sql.append(" AND created_at <= ?");
            parameters.add(filter.createdTo().toEpochMilli());
        }
        if (filter.idPrefix() != null && !filter.idPrefix().isEmpty()) {
            // substr instead of LIKE: ids may contain % and _.
            sql.append(" AND substr(instance_id, 1, ?) = ?");
            parameters.add(filter.idPrefix().length());
            parameters.add(filter.idPrefix());
        }
    }

    private static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
    }

    private static InstanceRecord read(ResultSet row) throws SQLException {
        String parentId = row.getString("parent_instance_id");
        ParentLink parent = parentId == null ? null
                : new ParentLink(parentId, row.getString("parent_execution_id"), row.getInt("parent_task_id"));
        byte[] failure = row.getBytes("failure");
        return new InstanceRecord(
                row.getString("instance_id"),
                row.getString("execution_id"),
                row.getString("name"),
                row.getString("version"),
                OrchestrationStatus.valueOf(row.getString("status")),
                row.getString("input"),
                row.getString("output"),
                row.getString("custom_status"),
                failure == null ? null : parseFailure(failure),
                Instant.ofEpochMilli(row.getLong("created_at")),
                Instant.ofEpochMilli(row.getLong("last_updated_at")),
                nullableMillis(row, "last_turn_at"),
                parent);
    }

    static HistoryEvent parseEvent(byte[] bytes) {
        try {
            return HistoryEvent.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("corrupt history event in the task hub database", e);
        }
    }

    private static TaskFailureDetails parseFailure(byte[] bytes) {
        try {
            return TaskFailureDetails.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("corrupt failure details in the task hub database", e);
        }
    }

    static void setNullableMillis(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setLong(index, instant.toEpochMilli());
        }
    }

    static Instant nullableMillis(ResultSet row, String column) throws SQLException {
        long millis = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochMilli(millis);
    }
}
