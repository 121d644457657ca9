package io.onekey.dispatcher.store.sqlite;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes the database, with group commit: it takes everything queued,
 * runs each piece in a savepoint of one transaction, commits once, then completes the pieces'
 * futures on the contexts that asked. A piece that fails on its own is rolled back alone; a
 * failure of the disk or the database fails the whole commit, turns {@link #healthy()} false
 * until a commit succeeds again, and is logged at most once a minute.
 */
final class GroupCommitWriter {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final Duration LOG_EVERY = Duration.ofMinutes(1);
    private static final int MAX_BATCH = 20_000;

    private record Task<T>(SqliteDatabase.Work<T> work, Promise<T> promise, Context context) {
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
    private final Thread thread;
    private final AtomicReference<String> failure = new AtomicReference<>();
    /** The hot statements, prepared once: used by the writer thread only. */
    private final Map<String, PreparedStatement> cached = new HashMap<>();
    private volatile boolean closed;
    private Instant lastFailureLog = Instant.MIN;
    private long commits;

    GroupCommitWriter(Path file, Connection writer, Clock clock) {
        this.file = file;
        this.writer = writer;
        this.clock = clock;
        this.thread = new Thread(this::writeLoop, "onekey-store-writer");
        thread.setDaemon(true);
        thread.start();
    }

    <T> Future<T> submit(SqliteDatabase.Work<T> work) {
        Promise<T> promise = Promise.promise();
        if (closed) {
            promise.fail(new IllegalStateException("the store is closed"));
            return promise.future();
        }
        queue.add(new Task<>(work, promise, Vertx.currentContext()));
        return promise.future();
    }

    PreparedStatement cached(Connection connection, String sql) throws SQLException {
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

    boolean healthy() {
        return failure.get() == null;
    }

    String failure() {
        return failure.get();
    }

    synchronized long commits() {
        return commits;
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

    /** Finishes the queued work, then closes the connection. */
    void close() {
        closed = true;
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
            writer.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            log.warn("store {}: close failed: {}", file, e.getMessage());
        }
    }
}
