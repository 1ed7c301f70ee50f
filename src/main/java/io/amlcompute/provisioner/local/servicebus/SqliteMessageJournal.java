package io.amlcompute.provisioner.local.servicebus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The journal in one SQLite file ({@value #FILE_NAME}) in the data directory. sqlite-jdbc is a local-only
 * ({@code provided}) dependency: it is on the test and launcher classpaths but never deployed with the app.
 * One connection, used under the namespace's lock; WAL with {@code synchronous=NORMAL} keeps every write a cheap
 * append while a crash of the JVM (not of the machine) loses nothing.
 */
final class SqliteMessageJournal implements MessageJournal {

    static final String FILE_NAME = "servicebus-emulator.db";

    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS messages (
              store TEXT NOT NULL, sequence_number INTEGER NOT NULL, state TEXT NOT NULL,
              delivery_count INTEGER NOT NULL, enqueued_at_ms INTEGER NOT NULL, expires_at_ms INTEGER NOT NULL,
              dead_letter_reason TEXT, dead_letter_description TEXT, dead_letter_source TEXT, body BLOB NOT NULL,
              PRIMARY KEY (store, sequence_number));
            CREATE TABLE IF NOT EXISTS sequence_numbers (entity TEXT PRIMARY KEY, last INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS duplicates (
              entity TEXT NOT NULL, message_id TEXT NOT NULL, forget_at_ms INTEGER NOT NULL,
              PRIMARY KEY (entity, message_id));
            CREATE TABLE IF NOT EXISTS session_states (
              store TEXT NOT NULL, session_id TEXT NOT NULL, state BLOB NOT NULL, PRIMARY KEY (store, session_id));
            """;

    private final Connection connection;

    private SqliteMessageJournal(Connection connection) {
        this.connection = connection;
    }

    static SqliteMessageJournal open(Path dataDirectory) {
        try {
            Class.forName("org.sqlite.JDBC");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("a data directory needs org.xerial:sqlite-jdbc on the classpath", e);
        }
        try {
            Files.createDirectories(dataDirectory);
            Connection connection = DriverManager.getConnection(
                    "jdbc:sqlite:" + dataDirectory.resolve(FILE_NAME).toAbsolutePath());
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                statement.execute("PRAGMA synchronous=NORMAL");
                for (String ddl : SCHEMA.split(";")) {
                    if (!ddl.isBlank()) {
                        statement.execute(ddl);
                    }
                }
            }
            return new SqliteMessageJournal(connection);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the Service Bus emulator journal in " + dataDirectory, e);
        }
    }

    @Override
    public void saveMessage(String store, StoredMessage message) {
        update("INSERT OR REPLACE INTO messages (store, sequence_number, state, delivery_count, enqueued_at_ms, "
                        + "expires_at_ms, dead_letter_reason, dead_letter_description, dead_letter_source, body) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                store, message.sequenceNumber(), message.state().name(), message.deliveryCount(),
                message.enqueuedTime().toEpochMilli(), message.expiresAt().toEpochMilli(),
                message.deadLetter() == null ? null : message.deadLetter().reason(),
                message.deadLetter() == null ? null : message.deadLetter().description(),
                null, // dead_letter_source: kept in the schema for journals written before it was dropped
                message.encoded());
    }

    @Override
    public void deleteMessage(String store, long sequenceNumber) {
        update("DELETE FROM messages WHERE store = ? AND sequence_number = ?", store, sequenceNumber);
    }

    @Override
    public void saveLastSequenceNumber(String entity, long sequenceNumber) {
        update("INSERT OR REPLACE INTO sequence_numbers (entity, last) VALUES (?, ?)", entity, sequenceNumber);
    }

    @Override
    public void saveDuplicate(String entity, String messageId, Instant forgetAt) {
        update("INSERT OR REPLACE INTO duplicates (entity, message_id, forget_at_ms) VALUES (?, ?, ?)",
                entity, messageId, forgetAt.toEpochMilli());
    }

    @Override
    public void forgetDuplicate(String entity, String messageId) {
        update("DELETE FROM duplicates WHERE entity = ? AND message_id = ?", entity, messageId);
    }

    @Override
    public void saveSessionState(String store, String sessionId, byte[] state) {
        if (state == null) {
            update("DELETE FROM session_states WHERE store = ? AND session_id = ?", store, sessionId);
        } else {
            update("INSERT OR REPLACE INTO session_states (store, session_id, state) VALUES (?, ?, ?)",
                    store, sessionId, state);
        }
    }

    @Override
    public Contents load() {
        try (Statement statement = connection.createStatement()) {
            Map<String, List<StoredMessage>> messages = new LinkedHashMap<>();
            try (ResultSet row = statement.executeQuery("SELECT * FROM messages ORDER BY store, sequence_number")) {
                while (row.next()) {
                    messages.computeIfAbsent(row.getString("store"), key -> new ArrayList<>()).add(toMessage(row));
                }
            }
            Map<String, Long> sequences = new HashMap<>();
            try (ResultSet row = statement.executeQuery("SELECT entity, last FROM sequence_numbers")) {
                while (row.next()) {
                    sequences.put(row.getString(1), row.getLong(2));
                }
            }
            Map<String, Map<String, Instant>> duplicates = new HashMap<>();
            try (ResultSet row = statement.executeQuery("SELECT entity, message_id, forget_at_ms FROM duplicates")) {
                while (row.next()) {
                    duplicates.computeIfAbsent(row.getString(1), key -> new HashMap<>())
                            .put(row.getString(2), Instant.ofEpochMilli(row.getLong(3)));
                }
            }
            Map<String, Map<String, byte[]>> sessionStates = new HashMap<>();
            try (ResultSet row = statement.executeQuery("SELECT store, session_id, state FROM session_states")) {
                while (row.next()) {
                    sessionStates.computeIfAbsent(row.getString(1), key -> new HashMap<>())
                            .put(row.getString(2), row.getBytes(3));
                }
            }
            return new Contents(messages, sequences, duplicates, sessionStates);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the Service Bus emulator journal", e);
        }
    }

    private static StoredMessage toMessage(ResultSet row) throws SQLException {
        byte[] body = row.getBytes("body");
        String reason = row.getString("dead_letter_reason");
        StoredMessage.DeadLetterInfo deadLetter = reason == null ? null
                : new StoredMessage.DeadLetterInfo(reason, row.getString("dead_letter_description"));
        return new StoredMessage(row.getLong("sequence_number"), body,
                MessageFacts.of(AmqpMessages.decode(body)), MessageState.valueOf(row.getString("state")),
                Instant.ofEpochMilli(row.getLong("enqueued_at_ms")), Instant.ofEpochMilli(row.getLong("expires_at_ms")),
                row.getInt("delivery_count"), deadLetter);
    }

    private void update(String sql, Object... parameters) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the Service Bus emulator journal", e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close the Service Bus emulator journal", e);
        }
    }
}
