package io.onekey.dispatcher.store.sqlite;

import io.onekey.dispatcher.store.Codec;
import io.onekey.device.event.Alarm;
import io.onekey.device.event.DeviceEvent;
import io.onekey.dispatcher.eventlog.EventLog;
import io.onekey.dispatcher.eventlog.EventLogFullException;
import io.onekey.dispatcher.eventlog.PendingEvents;
import io.onekey.dispatcher.eventlog.StoredEvent;
import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event log in SQLite. An append is one piece of the next group commit: its future (and so
 * the device's answer) completes only once the commit holding the events is durable. Events
 * wait for the consumer in memory as well; once processed they are marked, and at start every
 * event not yet marked is handed out again, in its lane and order. Processed events are
 * deleted after the retention time.
 */
public final class SqliteEventLog implements EventLog {

    private static final Logger log = LoggerFactory.getLogger(SqliteEventLog.class);

    private final SqliteDatabase db;
    private final Clock clock;
    private final PendingEvents pending;
    /** The last sequence number given out; touched by the writer thread only after start. */
    private long lastSequence;

    public SqliteEventLog(SqliteDatabase db, Clock clock, int capacity) {
        this.db = db;
        this.clock = clock;
        this.pending = new PendingEvents(capacity);
        this.lastSequence = db.readNow(c -> {
            try (Statement s = c.createStatement(); ResultSet max = s.executeQuery("SELECT coalesce(max(seq), 0) FROM events")) {
                max.next();
                return max.getLong(1);
            }
        });
        reload();
    }

    /** Everything stored and not yet processed goes back in the queue, in its lane. */
    private void reload() {
        List<StoredEvent> priority = new ArrayList<>();
        List<StoredEvent> normal = new ArrayList<>();
        db.readNow(c -> {
            try (Statement s = c.createStatement();
                 ResultSet rows = s.executeQuery("SELECT seq, lane, body FROM events WHERE processed_at IS NULL ORDER BY seq")) {
                while (rows.next()) {
                    StoredEvent event = new StoredEvent(rows.getLong(1), Codec.readEvent(rows.getString(3)));
                    (rows.getInt(2) == Lane.PRIORITY.ordinal() ? priority : normal).add(event);
                }
            }
            return null;
        });
        for (Lane lane : Lane.values()) {
            List<StoredEvent> events = lane == Lane.PRIORITY ? priority : normal;
            if (!events.isEmpty()) {
                pending.reserve(events.size(), Lane.PRIORITY); // never refused: they were acknowledged
                pending.add(events, lane);
            }
        }
        if (!priority.isEmpty() || !normal.isEmpty()) {
            log.info("event log: {} priority and {} other events stored before the restart and not yet processed",
                    priority.size(), normal.size());
        }
    }

    @Override
    public Future<Void> append(List<DeviceEvent> events, Lane lane) {
        if (!pending.reserve(events.size(), lane)) {
            return Future.failedFuture(new EventLogFullException(pending.capacity()));
        }
        List<String> bodies = new ArrayList<>(events.size());
        for (DeviceEvent event : events) {
            bodies.add(Codec.writeEvent(event));
        }
        return db.write(c -> insert(c, events, bodies, lane))
                .onSuccess(stored -> {
                    pending.release(events.size() - stored.size());
                    pending.add(stored, lane);
                })
                .onFailure(e -> pending.release(events.size()))
                .mapEmpty();
    }

    /** Runs on the writer thread: numbers the events in commit order and inserts them. */
    private List<StoredEvent> insert(Connection c, List<DeviceEvent> events, List<String> bodies, Lane lane) throws SQLException {
        List<StoredEvent> stored = new ArrayList<>(events.size());
        PreparedStatement insert = db.cached(c,
                "INSERT OR IGNORE INTO events (seq, lane, received_at, alarm_key, body) VALUES (?, ?, ?, ?, ?)");
        for (int i = 0; i < events.size(); i++) {
            DeviceEvent event = events.get(i);
            long seq = lastSequence + 1;
            insert.setLong(1, seq);
            insert.setInt(2, lane.ordinal());
            insert.setLong(3, event.receivedAt().toEpochMilli());
            insert.setString(4, event instanceof Alarm ? event.dedupKey() : null);
            insert.setString(5, bodies.get(i));
            if (insert.executeUpdate() == 0) {
                continue; // an alarm stored before: the device is answered again, nothing is stored twice
            }
            lastSequence = seq;
            stored.add(new StoredEvent(seq, event));
        }
        return stored;
    }

    @Override
    public Future<List<StoredEvent>> poll(int max) {
        return Future.succeededFuture(pending.poll(max));
    }

    @Override
    public void processed(List<StoredEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        long now = clock.millis();
        db.write(c -> {
            PreparedStatement mark = db.cached(c, "UPDATE events SET processed_at = ? WHERE seq = ?");
            for (StoredEvent event : events) {
                mark.setLong(1, now);
                mark.setLong(2, event.sequence());
                mark.executeUpdate();
            }
            return null;
        }).onFailure(e -> log.warn("event log: {} processed events not marked (they are processed again after a restart): {}",
                events.size(), e.getMessage()));
    }

    /** Deletes events processed before the cutoff; returns how many. */
    public Future<Integer> trimProcessedBefore(Instant cutoff) {
        return db.write(c -> {
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM events WHERE processed_at IS NOT NULL AND processed_at < ?")) {
                delete.setLong(1, cutoff.toEpochMilli());
                return delete.executeUpdate();
            }
        });
    }

    @Override
    public void onAppend(Runnable listener) {
        pending.onAdd(listener);
    }

    @Override
    public long backlog() {
        return pending.size();
    }
}
