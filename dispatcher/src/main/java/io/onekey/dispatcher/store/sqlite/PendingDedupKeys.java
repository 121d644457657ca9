package io.onekey.dispatcher.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Dedup keys of alarms seen but not yet stored. A key must reach the disk together with what the
 * alarm did (its alert's change), never before: a key stored alone, followed by a crash, would
 * make the alarm's reprocessing after the restart look like a retransmission, and the alarm
 * would be lost. So keys wait here, and the next alert save takes them into its own piece of the
 * commit; keys of alarms that changed no alert go with the mark that their events were processed.
 * Touched on the dispatcher's context only.
 */
public final class PendingDedupKeys {

    private List<String> keys = new ArrayList<>();

    void add(String key) {
        keys.add(key);
    }

    void remove(String key) {
        keys.remove(key);
    }

    /** Takes every waiting key. */
    List<String> drain() {
        if (keys.isEmpty()) {
            return List.of();
        }
        List<String> taken = keys;
        keys = new ArrayList<>();
        return taken;
    }

    /** Stores keys inside the current piece of the commit (on the writer thread). */
    static void insert(Connection c, List<String> keys) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO dedup (key, seen_at) VALUES (?, ?)")) {
            for (String key : keys) {
                s.setString(1, key);
                s.setLong(2, now);
                s.addBatch();
            }
            s.executeBatch();
        }
    }
}
