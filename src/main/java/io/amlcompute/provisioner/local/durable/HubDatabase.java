package io.amlcompute.provisioner.local.durable;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The task hub's SQLite database: one connection, one writer at a time, every change inside a transaction so a
 * killed process never leaves half a turn applied. A file lock keeps a second backend off the same hub.
 */
final class HubDatabase implements AutoCloseable {

    /** Work done on the connection inside a transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private static final int SCHEMA_VERSION = 1;

    private static final String[] SCHEMA = {
            """
            CREATE TABLE IF NOT EXISTS instances (
              instance_id         TEXT PRIMARY KEY,
              execution_id        TEXT NOT NULL,
              name                TEXT NOT NULL,
              version             TEXT,
              status              TEXT NOT NULL,
              input               TEXT,
              output              TEXT,
              custom_status       TEXT,
              failure             BLOB,
              created_at          INTEGER NOT NULL,
              last_updated_at     INTEGER NOT NULL,
              last_turn_at        INTEGER,
              parent_instance_id  TEXT,
              parent_execution_id TEXT,
              parent_task_id      INTEGER)""",
            "CREATE INDEX IF NOT EXISTS instances_by_created ON instances(created_at)",
            """
            CREATE TABLE IF NOT EXISTS history (
              instance_id TEXT NOT NULL,
              position    INTEGER NOT NULL,
              event       BLOB NOT NULL,
              PRIMARY KEY (instance_id, position))""",
            // Pending events for an instance's next turn. execution_id NULL = for whichever execution is current
            // (external events survive continue-as-new); ready_at NULL = deliverable now, else a durable timer or a
            // scheduled start that stays invisible until the clock has passed it.
            """
            CREATE TABLE IF NOT EXISTS messages (
              id           INTEGER PRIMARY KEY AUTOINCREMENT,
              instance_id  TEXT NOT NULL,
              execution_id TEXT,
              kind         TEXT NOT NULL,
              enqueued_at  INTEGER NOT NULL,
              ready_at     INTEGER,
              event        BLOB NOT NULL)""",
            "CREATE INDEX IF NOT EXISTS messages_by_instance ON messages(instance_id)",
            "CREATE INDEX IF NOT EXISTS messages_by_ready_at ON messages(ready_at)",
            """
            CREATE TABLE IF NOT EXISTS activities (
              id           INTEGER PRIMARY KEY AUTOINCREMENT,
              instance_id  TEXT NOT NULL,
              execution_id TEXT NOT NULL,
              task_id      INTEGER NOT NULL,
              request      BLOB NOT NULL)""",
            "CREATE INDEX IF NOT EXISTS activities_by_instance ON activities(instance_id)",
    };

    private final ReentrantLock lock = new ReentrantLock();
    private final Connection connection;
    /** Statements compiled once and reused: compiling one cost about as much as running it. Guarded by the lock. */
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final FileChannel lockChannel;
    private final FileLock fileLock;
    private int depth;
    private boolean closed;

    private HubDatabase(Connection connection, FileChannel lockChannel, FileLock fileLock) {
        this.connection = connection;
        this.lockChannel = lockChannel;
        this.fileLock = fileLock;
    }

    /** Opens (creating if needed) {@code <directory>/<hub>.sqlite}, or an in-memory database when directory is null. */
    static HubDatabase open(Path directory, String taskHubName) throws IOException {
        FileChannel lockChannel = null;
        FileLock fileLock = null;
        String url = "jdbc:sqlite::memory:";
        if (directory != null) {
            String baseName = taskHubName.toLowerCase(Locale.ROOT);
            Files.createDirectories(directory);
            lockChannel = FileChannel.open(directory.resolve(baseName + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                fileLock = lockChannel.tryLock();
            } catch (OverlappingFileLockException alreadyHeldInThisJvm) {
                fileLock = null;
            }
            if (fileLock == null) {
                lockChannel.close();
                throw new IOException("task hub '" + taskHubName + "' in " + directory
                        + " is already served by another running Durable backend");
            }
            url = "jdbc:sqlite:" + directory.resolve(baseName + ".sqlite").toAbsolutePath();
        }
        try {
            Connection connection = DriverManager.getConnection(url);
            try (Statement statement = connection.createStatement()) {
                if (directory != null) {
                    // WAL + NORMAL: a commit survives a killed process (not necessarily a power cut), cheaply.
                    statement.execute("PRAGMA journal_mode=WAL");
                    statement.execute("PRAGMA synchronous=NORMAL");
                }
                for (String ddl : SCHEMA) {
                    statement.execute(ddl);
                }
                statement.execute("PRAGMA user_version=" + SCHEMA_VERSION);
            }
            return new HubDatabase(connection, lockChannel, fileLock);
        } catch (SQLException e) {
            if (lockChannel != null) {
                lockChannel.close();
            }
            throw new IOException("cannot open the Durable task hub database " + url + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs work in a transaction; nested calls join the outer transaction, and the outermost one commits, or rolls
     * back everything when any part throws.
     */
    <T> T inTransaction(Work<T> work) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the Durable task hub database is closed");
            }
            boolean outermost = depth == 0;
            depth++;
            try {
                if (outermost) {
                    connection.setAutoCommit(false);
                }
                T result = work.run(connection);
                if (outermost) {
                    connection.commit();
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                if (outermost) {
                    rollbackQuietly();
                }
                throw e instanceof SQLException sql ? new StoreException(sql) : (RuntimeException) e;
            } finally {
                depth--;
                if (outermost) {
                    restoreAutoCommit();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The statement for {@code sql}, compiled on first use and reused afterwards, with its parameters and batch
     * cleared. Only inside {@link #inTransaction}; the caller closes its result sets but never the statement.
     */
    PreparedStatement prepared(String sql) throws SQLException {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("a prepared statement is used only inside a transaction");
        }
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        } else {
            statement.clearParameters();
            statement.clearBatch();
        }
        return statement;
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The original failure is the one worth reporting.
        }
    }

    private void restoreAutoCommit() {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** Waits for the running transaction, then closes the connection and releases the hub lock. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (PreparedStatement statement : statements.values()) {
                statement.close();
            }
            statements.clear();
            connection.close();
            if (fileLock != null) {
                fileLock.release();
                lockChannel.close();
            }
        } catch (SQLException | IOException e) {
            throw new StoreException(e);
        } finally {
            lock.unlock();
        }
    }

    /** A database failure, unchecked: callers cannot repair it, the gRPC surface reports it. */
    static final class StoreException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StoreException(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }
}
