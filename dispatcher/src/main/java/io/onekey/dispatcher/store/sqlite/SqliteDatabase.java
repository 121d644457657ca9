package io.onekey.dispatcher.store.sqlite;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;

/**
 * The embedded database: one SQLite file in WAL mode, written by one dedicated writer thread
 * with group commit ({@link GroupCommitWriter}). Work handed to {@link #write} waits in a queue; the writer takes
 * everything queued, runs it in one transaction and commits once, then completes each piece's
 * future. While a commit (and its fsync) is under way, new work gathers for the next one, so
 * a burst of alarms costs one commit, not one each. Nothing here ever runs on an event loop.
 *
 * <p>A future completes on the Vert.x context that asked, if any, so the dispatcher's code
 * after a save runs on the dispatcher's context as before.
 *
 * <p>When a commit fails (a full disk, a read-only directory) every piece of that commit
 * fails: nothing is acknowledged, devices retransmit, and {@link #healthy()} turns false
 * until a commit succeeds again. The reason is logged at most once a minute.
 */
public final class SqliteDatabase implements AutoCloseable {

    /** Durability of a commit: {@code FULL} survives power loss, {@code NORMAL} a process crash. */
    public enum Sync {
        FULL,
        NORMAL
    }

    /** A piece of work on the writer's connection, inside the current transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Path file;
    private final GroupCommitWriter writer;
    private final java.util.concurrent.ExecutorService reader = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "onekey-store-reader");
        thread.setDaemon(true);
        return thread;
    });

    public SqliteDatabase(Path file, Sync sync, Clock clock) {
        this.file = file;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=" + sync.name());
                s.execute("PRAGMA busy_timeout=5000");
                s.execute("PRAGMA foreign_keys=OFF");
            }
            connection.setAutoCommit(false);
            Schema.create(connection);
            connection.commit();
            this.writer = new GroupCommitWriter(file, connection, clock);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the store " + file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the store's directory for " + file, e);
        }
    }

    public Path file() {
        return file;
    }

    /** Queues work for the next commit; the future completes once that commit is durable. */
    public <T> Future<T> write(Work<T> work) {
        return writer.submit(work);
    }

    /**
     * A statement prepared once and kept, for work that runs often (an event's insert). Only for
     * {@link Work} run by {@link #write}, on the writer's connection; not to be closed.
     */
    public PreparedStatement cached(Connection connection, String sql) throws SQLException {
        return writer.cached(connection, sql);
    }

    /** Completes once everything queued before it is committed. */
    public Future<Void> barrier() {
        return write(c -> null);
    }

    /**
     * Runs a read on a thread of its own (never the writer's, never an event loop), on a
     * connection of its own; the future completes on the caller's context.
     */
    public <T> Future<T> read(Work<T> work) {
        Promise<T> promise = Promise.promise();
        Context context = Vertx.currentContext();
        reader.execute(() -> {
            try {
                T result = readNow(work);
                complete(context, () -> promise.complete(result));
            } catch (RuntimeException e) {
                complete(context, () -> promise.fail(e));
            }
        });
        return promise.future();
    }

    private static void complete(Context context, Runnable completion) {
        if (context != null) {
            try {
                context.runOnContext(v -> completion.run());
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // The server is closing: nobody is left to hear the answer of this read.
            }
        } else {
            completion.run();
        }
    }

    /**
     * Runs a read at once on the caller's thread, on a connection of its own (WAL readers see
     * the last commit and never block the writer). For start-up and tools only: it blocks.
     */
    public <T> T readNow(Work<T> work) {
        try (Connection reader = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            return work.run(reader);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the store " + file + ": " + e.getMessage(), e);
        }
    }

    /** False while commits fail; the reason is {@link #failure()}. */
    public boolean healthy() {
        return writer.healthy();
    }

    public String failure() {
        return writer.failure();
    }

    /** Commits made since start (for tests and the benchmark). */
    public long commits() {
        return writer.commits();
    }

    /**
     * A consistent copy of a database, made while a server writes to it (a WAL reader sees one
     * commit, whole); the copy is an ordinary SQLite file that a server can start on.
     */
    public static void backup(Path source, Path target) {
        if (!Files.isRegularFile(source)) {
            throw new IllegalArgumentException("no store at " + source + " (set ONEKEY_STORE_PATH or use --store DB; the demo's store is run/onekey.db)");
        }
        if (Files.exists(target)) {
            throw new IllegalArgumentException(target + " exists; choose a new file");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + source);
             PreparedStatement s = c.prepareStatement("VACUUM INTO ?")) {
            s.setString(1, target.toString());
            s.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("backup of " + source + " failed: " + e.getMessage(), e);
        }
    }

    /** Finishes the queued work, then closes the file. */
    @Override
    public void close() {
        reader.shutdown();
        writer.close();
    }
}
