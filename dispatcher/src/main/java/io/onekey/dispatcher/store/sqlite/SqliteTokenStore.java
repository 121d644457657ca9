package io.onekey.dispatcher.store.sqlite;

import io.onekey.dispatcher.access.Principal;
import io.onekey.dispatcher.access.Role;
import io.onekey.dispatcher.access.TokenStore;
import io.vertx.core.Future;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Token hashes in SQLite, answered from memory; a removal takes effect in memory at once. */
public final class SqliteTokenStore implements TokenStore {

    private final SqliteDatabase db;
    private final Map<String, Principal> byHash = new ConcurrentHashMap<>();
    private final Map<String, Instant> created = new ConcurrentHashMap<>();

    public SqliteTokenStore(SqliteDatabase db) {
        this.db = db;
        db.readNow(c -> {
            try (Statement s = c.createStatement();
                 ResultSet rows = s.executeQuery("SELECT hash, token_id, role, subject, created_at FROM tokens")) {
                while (rows.next()) {
                    byHash.put(rows.getString(1), new Principal(rows.getString(2), Role.valueOf(rows.getString(3)),
                            rows.getString(4)));
                    created.put(rows.getString(2), Instant.ofEpochMilli(rows.getLong(5)));
                }
            }
            return null;
        });
    }

    @Override
    public Future<Void> put(String hash, Principal principal, Instant createdAt) {
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT OR REPLACE INTO tokens (hash, token_id, role, subject, created_at) VALUES (?, ?, ?, ?, ?)")) {
                s.setString(1, hash);
                s.setString(2, principal.tokenId());
                s.setString(3, principal.role().name());
                s.setString(4, principal.subject());
                s.setLong(5, createdAt.toEpochMilli());
                s.executeUpdate();
            }
            return null;
        }).<Void>map(v -> {
            byHash.put(hash, principal);
            created.put(principal.tokenId(), createdAt);
            return null;
        });
    }

    @Override
    public List<Entry> list() {
        return byHash.values().stream().map(p -> new Entry(p, created.getOrDefault(p.tokenId(), Instant.EPOCH)))
                .sorted(java.util.Comparator.comparing(Entry::createdAt)).toList();
    }

    @Override
    public Optional<Principal> byHash(String hash) {
        return Optional.ofNullable(byHash.get(hash));
    }

    @Override
    public Future<Boolean> remove(String tokenId) {
        boolean found = byHash.values().removeIf(p -> p.tokenId().equals(tokenId));
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM tokens WHERE token_id = ?")) {
                s.setString(1, tokenId);
                return s.executeUpdate() > 0 || found;
            }
        });
    }

    @Override
    public Future<Integer> removeAll(Role role, String subject) {
        List<String> gone = byHash.entrySet().stream()
                .filter(e -> e.getValue().role() == role && e.getValue().subject().equals(subject))
                .map(Map.Entry::getKey).toList();
        gone.forEach(byHash::remove);
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM tokens WHERE role = ? AND subject = ?")) {
                s.setString(1, role.name());
                s.setString(2, subject);
                return Math.max(s.executeUpdate(), gone.size());
            }
        });
    }
}
