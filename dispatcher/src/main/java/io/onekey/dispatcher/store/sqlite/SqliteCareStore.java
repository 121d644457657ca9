package io.onekey.dispatcher.store.sqlite;

import io.onekey.dispatcher.store.CareDocuments;
import io.vertx.core.Future;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Care records in the embedded database: one table of JSON documents, keyed by shelf and id. */
public final class SqliteCareStore extends CareDocuments {

    private final SqliteDatabase db;

    /** Creates the table if this database has none yet (blocking: call at start-up). */
    public SqliteCareStore(SqliteDatabase db) {
        this.db = db;
        db.write(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS care (shelf TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL,"
                        + " PRIMARY KEY (shelf, id))");
            }
            return null;
        }).toCompletionStage().toCompletableFuture().join();
    }

    @Override
    protected Future<Void> put(Shelf shelf, String id, String json) {
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO care (shelf, id, body) VALUES (?, ?, ?)")) {
                s.setString(1, shelf.key);
                s.setString(2, id);
                s.setString(3, json);
                s.executeUpdate();
            }
            return null;
        });
    }

    @Override
    protected Future<Void> putAll(Shelf shelf, Map<String, String> jsonById) {
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO care (shelf, id, body) VALUES (?, ?, ?)")) {
                for (Map.Entry<String, String> e : jsonById.entrySet()) {
                    s.setString(1, shelf.key);
                    s.setString(2, e.getKey());
                    s.setString(3, e.getValue());
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
    }

    @Override
    protected Future<Boolean> swap(Shelf shelf, String id, String expected, String json) {
        return db.write(c -> {
            String sql = expected == null ? "INSERT OR IGNORE INTO care (shelf, id, body) VALUES (?, ?, ?)"
                    : "UPDATE care SET body = ? WHERE shelf = ? AND id = ? AND body = ?";
            try (PreparedStatement s = c.prepareStatement(sql)) {
                if (expected == null) {
                    s.setString(1, shelf.key);
                    s.setString(2, id);
                    s.setString(3, json);
                } else {
                    s.setString(1, json);
                    s.setString(2, shelf.key);
                    s.setString(3, id);
                    s.setString(4, expected);
                }
                return s.executeUpdate() > 0;
            }
        });
    }

    @Override
    protected Future<Optional<String>> get(Shelf shelf, String id) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT body FROM care WHERE shelf = ? AND id = ?")) {
                s.setString(1, shelf.key);
                s.setString(2, id);
                try (ResultSet rows = s.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    protected Future<List<String>> all(Shelf shelf) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT body FROM care WHERE shelf = ?")) {
                s.setString(1, shelf.key);
                List<String> bodies = new ArrayList<>();
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        bodies.add(rows.getString(1));
                    }
                }
                return bodies;
            }
        });
    }

    @Override
    protected Future<Boolean> remove(Shelf shelf, String id) {
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM care WHERE shelf = ? AND id = ?")) {
                s.setString(1, shelf.key);
                s.setString(2, id);
                return s.executeUpdate() > 0;
            }
        });
    }
}
