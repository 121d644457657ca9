package io.onekey.dispatcher.store.sqlite;

import io.onekey.dispatcher.store.Codec;
import io.onekey.dispatcher.alert.Alert;
import io.onekey.dispatcher.alert.AlertQuery;
import io.onekey.dispatcher.alert.AlertStore;
import io.onekey.dispatcher.alert.IdGenerator;
import io.onekey.dispatcher.error.DispatchException;
import io.onekey.dispatcher.store.memory.InMemoryAlertStore;
import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Alerts in SQLite, every version committed before the save completes, with the indexes in
 * memory: open alerts and those closed within the last {@code recent} period are held by an
 * {@link InMemoryAlertStore}, which answers the queue, the deadlines and the lookups. Older
 * alerts stay on disk for the record (and the SLA report) until the retention time.
 *
 * <p>A save is compare-and-set on the version, in memory (against the version saved or being
 * saved) and again in SQL, so a change made from a stale copy never overwrites another.
 */
public final class SqliteAlertStore implements AlertStore {

    static final String ALERT_COUNTER = "alert";
    static final String OFFER_COUNTER = "offer";

    private final SqliteDatabase db;
    private final Clock clock;
    private final Duration recent;
    private final InMemoryAlertStore memory = new InMemoryAlertStore();
    private final PendingDedupKeys dedupKeys;

    public SqliteAlertStore(SqliteDatabase db, Clock clock, Duration recent) {
        this(db, clock, recent, new PendingDedupKeys());
    }

    public SqliteAlertStore(SqliteDatabase db, Clock clock, Duration recent, PendingDedupKeys dedupKeys) {
        this.dedupKeys = dedupKeys;
        this.db = db;
        this.clock = clock;
        this.recent = recent;
        long since = clock.instant().minus(recent).toEpochMilli();
        db.readNow(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT body FROM alerts WHERE open = 1 OR closed_at >= ?")) {
                s.setLong(1, since);
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        memory.restore(Codec.read(rows.getString(1), Alert.class));
                    }
                }
            }
            return null;
        });
    }

    /** The last alert and offer numbers handed out, so ids continue after a restart. */
    public long lastNumber(String counter) {
        return db.readNow(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT value FROM counters WHERE name = ?")) {
                s.setString(1, counter);
                try (ResultSet row = s.executeQuery()) {
                    return row.next() ? row.getLong(1) : 0L;
                }
            }
        });
    }

    /**
     * Applies the change in memory at once, so that the dispatcher's next change builds on it and
     * many changes share one commit, and completes once the commit holding it is durable. Dedup
     * keys of the alarms being processed go into the same piece: an alarm is remembered as seen
     * exactly when its alert is stored. If the commit fails, the memory copy is reloaded from disk.
     */
    @Override
    public Future<Void> save(Alert alert) {
        long current = memory.get(alert.id()).result().map(Alert::version).orElse(0L);
        if (current != 0 && alert.version() != current + 1) {
            return Future.failedFuture(stale(alert, current));
        }
        if (current == 0 && alert.version() > 1) {
            return saveOld(alert);
        }
        memory.restore(alert);
        String body = Codec.write(alert);
        List<String> keys = dedupKeys.drain();
        return db.write(c -> {
            upsert(c, alert, body);
            PendingDedupKeys.insert(c, keys);
            return null;
        }).<Void>mapEmpty().onFailure(e -> reload(alert.id()));
    }

    /** Alerts closed before the recent period are the record: read-only. */
    private static Future<Void> saveOld(Alert alert) {
        return Future.failedFuture(DispatchException.conflict("alert " + alert.id()
                + " is closed and archived; its record can no longer be changed"));
    }

    /** After a failed commit: the disk holds the truth; memory is made to match it again. */
    private void reload(String id) {
        db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT body FROM alerts WHERE id = ?")) {
                s.setString(1, id);
                try (ResultSet row = s.executeQuery()) {
                    return row.next() ? Optional.of(Codec.read(row.getString(1), Alert.class)) : Optional.<Alert>empty();
                }
            }
        }).onSuccess(stored -> {
            Optional<Alert> inMemory = memory.get(id).result();
            if (stored.isPresent()) {
                memory.restore(stored.get());
            } else {
                inMemory.ifPresent(memory::evict);
            }
        });
    }

    @Override
    public Future<Void> flushed() {
        return db.barrier();
    }

    /** On the writer thread: the alert's row, checked against the version, and the id counters it raises. */
    private void upsert(Connection c, Alert alert, String body) throws SQLException {
        Long closedAt = alert.timing().closedAt() == null ? null : alert.timing().closedAt().toEpochMilli();
        PreparedStatement write;
        if (alert.version() == 1) {
            write = db.cached(c, "INSERT OR IGNORE INTO alerts (id, version, open, received_at, closed_at, body)"
                    + " VALUES (?, 1, ?, ?, ?, ?)");
            write.setString(1, alert.id());
            write.setInt(2, alert.state().isOpen() ? 1 : 0);
            write.setLong(3, alert.receivedAt().toEpochMilli());
            write.setObject(4, closedAt);
            write.setString(5, body);
        } else {
            write = db.cached(c, "UPDATE alerts SET version = ?, open = ?, closed_at = ?, body = ? WHERE id = ? AND version = ?");
            write.setLong(1, alert.version());
            write.setInt(2, alert.state().isOpen() ? 1 : 0);
            write.setObject(3, closedAt);
            write.setString(4, body);
            write.setString(5, alert.id());
            write.setLong(6, alert.version() - 1);
        }
        if (write.executeUpdate() != 1) {
            throw stale(alert, -1);
        }
        if (alert.version() == 1) {
            raise(c, ALERT_COUNTER, IdGenerator.numberOf(alert.id(), "A"));
        }
        long lastOffer = alert.offers().stream().mapToLong(o -> IdGenerator.numberOf(o.id(), "O")).max().orElse(0);
        if (lastOffer > 0) {
            raise(c, OFFER_COUNTER, lastOffer);
        }
    }

    private void raise(Connection c, String counter, long value) throws SQLException {
        PreparedStatement s = db.cached(c, "INSERT INTO counters (name, value) VALUES (?, ?)"
                + " ON CONFLICT(name) DO UPDATE SET value = max(value, excluded.value)");
        s.setString(1, counter);
        s.setLong(2, value);
        s.executeUpdate();
    }

    private static DispatchException stale(Alert alert, long current) {
        return DispatchException.conflict("alert " + alert.id() + " changed meanwhile ("
                + (current < 0 ? "the stored version is not " + (alert.version() - 1) : "version " + current)
                + ", change made from version " + (alert.version() - 1) + "); reload and retry");
    }

    @Override
    public Future<Optional<Alert>> get(String id) {
        Optional<Alert> cached = memory.get(id).result();
        if (cached.isPresent()) {
            return Future.succeededFuture(cached);
        }
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT body FROM alerts WHERE id = ?")) {
                s.setString(1, id);
                try (ResultSet row = s.executeQuery()) {
                    return row.next() ? Optional.of(Codec.read(row.getString(1), Alert.class)) : Optional.<Alert>empty();
                }
            }
        });
    }

    @Override
    public Future<Optional<Alert>> byOffer(String offerId) {
        return memory.byOffer(offerId);
    }

    @Override
    public Future<List<Alert>> list(AlertQuery query) {
        return memory.list(query);
    }

    @Override
    public Future<List<Alert>> openOf(String subject) {
        return memory.openOf(subject);
    }

    @Override
    public Future<List<String>> due(Instant now) {
        return memory.due(now);
    }

    @Override
    public Future<List<Alert>> ofProvider(String providerId) {
        return memory.ofProvider(providerId);
    }

    @Override
    public Future<List<Alert>> receivedBetween(Instant from, Instant to) {
        return db.write(c -> {
            List<Alert> found = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT body FROM alerts WHERE received_at >= ? AND received_at < ? ORDER BY received_at")) {
                s.setLong(1, from.toEpochMilli());
                s.setLong(2, to.toEpochMilli());
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        found.add(Codec.read(rows.getString(1), Alert.class));
                    }
                }
            }
            return found;
        });
    }

    /**
     * Deletes alerts closed before the cutoff (the retention time) from disk, and lets go of
     * the memory copies of those closed before the recent period.
     */
    @Override
    public Future<Integer> forgetClosedBefore(Instant cutoff) {
        Instant memoryCutoff = clock.instant().minus(recent);
        for (Alert old : memory.closedBefore(memoryCutoff.isAfter(cutoff) ? memoryCutoff : cutoff, 10_000)) {
            memory.evict(old);
        }
        return db.write(c -> {
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM alerts WHERE open = 0 AND closed_at IS NOT NULL AND closed_at < ?")) {
                delete.setLong(1, cutoff.toEpochMilli());
                return delete.executeUpdate();
            }
        });
    }

    @Override
    public long openCount() {
        return memory.openCount();
    }
}
