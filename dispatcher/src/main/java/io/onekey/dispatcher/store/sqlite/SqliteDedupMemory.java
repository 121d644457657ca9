package io.onekey.dispatcher.store.sqlite;

import io.onekey.dispatcher.eventlog.DedupMemory;
import io.onekey.dispatcher.store.memory.InMemoryDedupMemory;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dedup memory in SQLite: the most recent keys are also held in memory and answer at
 * once; each new key is queued for the next commit, ahead of the mark that its event was
 * processed, so a frame replayed after a restart is still recognised.
 */
public final class SqliteDedupMemory implements DedupMemory {

    private static final Logger log = LoggerFactory.getLogger(SqliteDedupMemory.class);

    private final SqliteDatabase db;
    private final Clock clock;
    private final InMemoryDedupMemory recent;
    private final PendingDedupKeys pending;

    public SqliteDedupMemory(SqliteDatabase db, Clock clock, int capacity) {
        this(db, clock, capacity, new PendingDedupKeys());
    }

    /** @param pending where new keys wait to be stored with their alarm's alert change (see {@link PendingDedupKeys}) */
    public SqliteDedupMemory(SqliteDatabase db, Clock clock, int capacity, PendingDedupKeys pending) {
        this.db = db;
        this.clock = clock;
        this.pending = pending;
        this.recent = new InMemoryDedupMemory(capacity);
        db.readNow(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT key FROM (SELECT key, seen_at FROM dedup ORDER BY seen_at DESC LIMIT ?) ORDER BY seen_at")) {
                s.setInt(1, capacity);
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        recent.firstTime(rows.getString(1));
                    }
                }
            }
            return null;
        });
    }

    @Override
    public boolean firstTime(String dedupKey) {
        if (!recent.firstTime(dedupKey)) {
            return false;
        }
        pending.add(dedupKey);
        return true;
    }

    @Override
    public void forget(String dedupKey) {
        recent.forget(dedupKey);
        pending.remove(dedupKey);
    }

    /** Stores the keys no alert change took (alarms that changed no alert). */
    @Override
    public void batchDone() {
        List<String> keys = pending.drain();
        if (!keys.isEmpty()) {
            db.write(c -> {
                PendingDedupKeys.insert(c, keys);
                return null;
            }).onFailure(e -> log.debug("dedup keys not stored: {}", e.getMessage()));
        }
    }

    /** Forgets keys seen before the cutoff. */
    public void forgetBefore(Instant cutoff) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM dedup WHERE seen_at < ?")) {
                s.setLong(1, cutoff.toEpochMilli());
                return s.executeUpdate();
            }
        });
    }
}
