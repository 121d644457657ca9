package io.onekey.dispatcher.store.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The tables. Bodies are JSON (see {@link Codec}), with the columns the queries need beside
 * them; every time is epoch milliseconds. Inspect a live store with the {@code sqlite3} tool.
 */
final class Schema {

    private Schema() {
    }

    static void create(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            // Device events: appended before the device is answered; marked once processed.
            // An alarm is stored once: a retransmission (same dedup key) is answered, not stored again.
            s.execute("CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY AUTOINCREMENT, lane INTEGER NOT NULL,"
                    + " received_at INTEGER NOT NULL, alarm_key TEXT, body TEXT NOT NULL, processed_at INTEGER)");
            s.execute("CREATE UNIQUE INDEX IF NOT EXISTS events_alarm_key ON events(alarm_key) WHERE alarm_key IS NOT NULL");
            s.execute("CREATE INDEX IF NOT EXISTS events_unprocessed ON events(seq) WHERE processed_at IS NULL");
            s.execute("CREATE INDEX IF NOT EXISTS events_processed ON events(processed_at) WHERE processed_at IS NOT NULL");
            // Alerts with their whole history and offers in the body; one row per alert, its latest version.
            s.execute("CREATE TABLE IF NOT EXISTS alerts (id TEXT PRIMARY KEY, version INTEGER NOT NULL,"
                    + " open INTEGER NOT NULL, received_at INTEGER NOT NULL, closed_at INTEGER, body TEXT NOT NULL)");
            s.execute("CREATE INDEX IF NOT EXISTS alerts_open ON alerts(open)");
            s.execute("CREATE INDEX IF NOT EXISTS alerts_closed_at ON alerts(closed_at)");
            s.execute("CREATE INDEX IF NOT EXISTS alerts_received_at ON alerts(received_at)");
            s.execute("CREATE TABLE IF NOT EXISTS tokens (hash TEXT PRIMARY KEY, token_id TEXT NOT NULL,"
                    + " role TEXT NOT NULL, subject TEXT NOT NULL, created_at INTEGER NOT NULL DEFAULT 0)");
            s.execute("CREATE TABLE IF NOT EXISTS device_state (protocol TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL,"
                    + " PRIMARY KEY (protocol, id))");
            s.execute("CREATE TABLE IF NOT EXISTS dedup (key TEXT PRIMARY KEY, seen_at INTEGER NOT NULL)");
            s.execute("CREATE INDEX IF NOT EXISTS dedup_seen_at ON dedup(seen_at)");
            // Directory changes made through the API, over the directory file: a null body is a removal.
            s.execute("CREATE TABLE IF NOT EXISTS directory (kind TEXT NOT NULL, key TEXT NOT NULL, body TEXT,"
                    + " changed_at INTEGER NOT NULL, PRIMARY KEY (kind, key))");
            // Counters that must never repeat across restarts (alert and offer numbers, feed changes).
            s.execute("CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL)");
        }
    }
}
