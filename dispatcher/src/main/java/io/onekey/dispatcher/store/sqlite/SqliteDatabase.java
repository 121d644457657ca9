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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded database: one SQLite file in WAL mode, written by one dedicated writer thread
 * with group commit. Work handed to {@link #write} waits in a queue; the writer takes
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

    private static final Logger log = LoggerFactory.getLogger(SqliteDatabase.class);
    private static final Duration LOG_EVERY = Duration.ofMinutes(1);
    private static final int MAX_BATCH = 20_000;

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

    private record Task<T>(Work<T> work, Promise<T> promise, Context context) {
        void complete(T result) {
            if (context != null) {
                context.runOnContext(v -> promise.complete(result));
            } else {
                promise.complete(result);
            }
        }

        void fail(Throwable cause) {
            if (context != null) {
                context.runOnContext(v -> promise.fail(cause));
            } else {
                promise.fail(cause);
            }
        }
    }

    private final Path file;
    private final Clock clock;
    private final Connection writer;
    private final BlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();
    private final java.util.concurrent.ExecutorService reader = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "onekey-store-reader");
        thread.setDaemon(true);
        return thread;
    });
    private final Thread writerThread;
    private final AtomicReference<String> failure = new AtomicReference<>();
    /** The hot statements, prepared once: used by the writer thread only. */
    private final java.util.Map<String, PreparedStatement> cached = new java.util.HashMap<>();
    private volatile boolean closed;
    private Instant lastFailureLog = Instant.MIN;
    private long commits;

    public SqliteDatabase(Path file, Sync sync, Clock clock) {
        this.file = file;
        this.clock = clock;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            this.writer = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = writer.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=" + sync.name());
                s.execute("PRAGMA busy_timeout=5000");
                s.execute("PRAGMA foreign_keys=OFF");
            }
            writer.setAutoCommit(false);
            Schema.create(writer);
            writer.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the store " + file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the store's directory for " + file, e);
        }
        this.writerThread = new Thread(this::writeLoop, "onekey-store-writer");
        writerThread.setDaemon(true);
        writerThread.start();
    }

    public Path file() {
        return file;
    }

    /** Queues work for the next commit; the future completes once that commit is durable. */
    public <T> Future<T> write(Work<T> work) {
        Promise<T> promise = Promise.promise();
        if (closed) {
            promise.fail(new IllegalStateException("the store is closed"));
            return promise.future();
        }
        queue.add(new Task<>(work, promise, Vertx.currentContext()));
        return promise.future();
    }

    /**
     * A statement prepared once and kept, for work that runs often (an event's insert). Only for
     * {@link Work} run by {@link #write}, on the writer's connection; not to be closed.
     */
    public PreparedStatement cached(Connection connection, String sql) throws SQLException {
        if (connection != writer) {
            throw new IllegalStateException("cached statements are for the writer's connection only");
        }
        PreparedStatement statement = cached.get(sql);
        if (statement == null) {
            statement = writer.prepareStatement(sql);
            cached.put(sql, statement);
        }
        return statement;
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
            context.runOnContext(v -> completion.run());
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
        return failure.get() == null;
    }

    public String failure() {
        return failure.get();
    }

    /** Commits made since start (for tests and the benchmark). */
    public synchronized long commits() {
        return commits;
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

    private void writeLoop() {
        List<Task<?>> batch = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                Task<?> first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    /** One transaction for the whole batch; each piece in a savepoint, so one bad piece fails alone. */
    private void commit(List<Task<?>> batch) {
        List<Object> results = new ArrayList<>(batch.size());
        List<Throwable> errors = new ArrayList<>(batch.size());
        try {
            for (Task<?> task : batch) {
                run(task, results, errors);
            }
            commitTransaction();
            synchronized (this) {
                commits++;
            }
            recovered();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            failed(e);
            for (Task<?> task : batch) {
                task.fail(new StoreUnavailableException(e.getMessage(), e));
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            complete(batch.get(i), results.get(i), errors.get(i));
        }
    }

    private void commitTransaction() throws SQLException {
        try {
            writer.commit();
        } catch (SQLException e) {
            // A batch of statements that SQLite runs outside any transaction (some PRAGMAs)
            // leaves nothing to commit: each is already durable.
            if (!String.valueOf(e.getMessage()).contains("no transaction is active")) {
                throw e;
            }
        }
    }

    private void run(Task<?> task, List<Object> results, List<Throwable> errors) throws SQLException {
        cached(writer, "SAVEPOINT piece").execute();
        try {
            results.add(task.work().run(writer));
            errors.add(null);
            cached(writer, "RELEASE piece").execute();
        } catch (SQLException | RuntimeException e) {
            if (isFatal(e)) {
                throw e instanceof SQLException sql ? sql : new SQLException(e);
            }
            cached(writer, "ROLLBACK TO piece").execute();
            cached(writer, "RELEASE piece").execute();
            results.add(null);
            errors.add(e);
        }
    }

    /** Errors of the disk or the database, not of one piece of work: the whole commit fails. */
    private static boolean isFatal(Exception e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return message.contains("full") || message.contains("readonly") || message.contains("read-only")
                || message.contains("disk i/o") || message.contains("ioerr") || message.contains("corrupt");
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Task<T> task, Object result, Throwable error) {
        if (error != null) {
            task.fail(error);
        } else {
            task.complete((T) result);
        }
    }

    private void rollbackQuietly() {
        try {
            writer.rollback();
        } catch (SQLException e) {
            // The failure that brought us here is the one reported.
        }
        // The driver finalises open statements on a rollback: prepare them afresh next time.
        for (PreparedStatement statement : cached.values()) {
            try {
                statement.close();
            } catch (SQLException e) {
                // Already finalised.
            }
        }
        cached.clear();
    }

    private void failed(Exception e) {
        String reason = e.getMessage();
        failure.set(reason == null ? e.getClass().getSimpleName() : reason);
        Instant now = clock.instant();
        if (!now.isBefore(lastFailureLog.plus(LOG_EVERY))) {
            lastFailureLog = now;
            log.error("store {}: commits fail, devices are not acknowledged and will retransmit: {}", file, failure.get());
        }
    }

    private void recovered() {
        if (failure.getAndSet(null) != null) {
            log.warn("store {}: commits succeed again", file);
        }
    }

    /** Finishes the queued work, then closes the file. */
    @Override
    public void close() {
        closed = true;
        reader.shutdown();
        try {
            writerThread.join(Duration.ofSeconds(30).toMillis());
            writer.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            log.warn("store {}: close failed: {}", file, e.getMessage());
        }
    }
}
